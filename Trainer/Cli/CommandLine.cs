using System.CommandLine;
using NeuralNet.Export;
using NeuralNet.LinearAlgebra;
using NeuralNet.Models;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>The command line, parsed by System.CommandLine: <c>train</c> (also the bare <c>neuralnet DATA.csv</c>),
/// <c>predict</c>, <c>evaluate</c> and <c>export</c>. Bad usage and bad input exit with code 2 and one line.</summary>
public static class CommandLine
{
    /// <summary>The command tree: the root (training) command and its verbs. Tests walk it to try every option.</summary>
    internal static RootCommand Build(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var rootTrain = new TrainCommandOptions();
        var root = rootTrain.AddTo(new RootCommand(
            "Trains a multilayer perceptron (Dense + ReLU, or any --layers spec; mini-batch SGD or Adam) on a CSV file and prints the loss of every epoch. "
            + "'neuralnet DATA.csv' is short for 'neuralnet train DATA.csv'. " + ExitCodes.Summary));
        root.SetAction(parse => Train(rootTrain, parse, output, error, interrupt));

        var train = new TrainCommandOptions();
        var trainCommand = train.AddTo(new Command("train", "Trains a model on DATA.csv and saves it (see --save)."));
        trainCommand.SetAction(parse => Train(train, parse, output, error, interrupt));
        root.Subcommands.Add(trainCommand);
        root.Subcommands.Add(PredictCommand(output, error, interrupt));
        root.Subcommands.Add(EvaluateCommand(output, error, interrupt));
        root.Subcommands.Add(ExportCommand(output, error));

        return root;
    }

    /// <param name="interrupt">Cancelled by Ctrl+C, SIGTERM or SIGHUP (see <see cref="InterruptSignal"/>): training
    /// stops after the current batch, saves the best model and exits with <see cref="InterruptSignal.ExitCode"/>.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken interrupt = default)
    {
        var result = Build(output, error, interrupt).Parse(args);
        if (result.Errors.Count > 0)
        {
            // System.CommandLine lists choices on separate lines; the contract is one line.
            var first = result.Errors[0];
            string message = string.Join(' ', first.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            // A value outside an option's choices names the option: "--optimizer: Argument 'rmsprop' not recognized…".
            var symbol = first.SymbolResult is System.CommandLine.Parsing.ArgumentResult { Parent: { } parent } ? parent : first.SymbolResult;
            if (symbol is System.CommandLine.Parsing.OptionResult option && !message.Contains(option.Option.Name, StringComparison.Ordinal))
                message = $"{option.Option.Name}: {message}";
            error.WriteLine($"error: {message} (see --help)");
            return ExitCodes.BadInput;
        }
        int code = UsageHelp.Invoke(result, output, error);
        // A run stopped by a signal, or one that finished while a signal arrived during its save, exits 128 + the signal.
        return code == ExitCodes.Interrupted || (code == ExitCodes.Success && interrupt.IsCancellationRequested) ? InterruptSignal.ExitCode : code;
    }

    private static int Train(TrainCommandOptions options, ParseResult parse, TextWriter output, TextWriter error, CancellationToken interrupt) =>
        Guard(error, () =>
        {
            var train = options.Read(parse);
            TrainRun.CheckBeforeWork(train);
            UseBlas(parse.GetValue(options.Blas)!, train.Verbosity == Verbosity.Quiet ? error : output, train.Verbosity == Verbosity.Quiet, train.Threads);
            return TrainRun.Execute(train, output, error, interrupt);
        });

    private static Command PredictCommand(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var model = new Argument<string>("MODEL.json") { Description = "A model saved by train" };
        var data = new Argument<string>("DATA.csv") { Description = "Rows to predict, with the model's feature columns; the target column may be absent" };
        var outPath = new Option<string?>("--out") { Description = "Write the predictions to this CSV file instead of standard output", HelpName = "FILE.csv" };
        var ids = CsvOptions.ColumnList("--id", "Columns to copy into the output to identify each row, by name; repeatable [default: the columns training found ID-like, such as PassengerId]");
        var threads = ThreadsOption.Create();
        var overwrite = OverwriteOption("--out");
        var command = new Command("predict", "Predicts each row of DATA.csv: the class (with one p_CLASS probability column per class) or the value; the ID columns are kept.")
        {
            model, data, outPath, ids, threads, overwrite,
        };
        var csv = new CsvOptions(scoring: true);
        foreach (var option in csv.All)
            command.Options.Add(option);
        command.SetAction(parse => Guard(error, () =>
        {
            using var stop = InterruptSignal.ExitAtOnceOn(interrupt);
            UseBlasQuietly(error, parse.GetValue(threads));
            var idColumns = parse.GetResult(ids) is { Implicit: false } ? parse.GetValue(ids) : null;
            using var workers = new WorkerPool(ThreadsOption.Resolve(parse.GetValue(threads)));
            return PredictRun.Execute(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(outPath), output, csv.Bind(parse) with { Workers = workers.Count }, idColumns, ThreadsOption.For(workers), csv.GivenMissing(parse), error, parse.GetValue(overwrite));
        }));
        return command;
    }

    private static Command EvaluateCommand(TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        var model = new Argument<string>("MODEL.json") { Description = "A model saved by train" };
        var data = new Argument<string>("DATA.csv") { Description = "Labelled rows, with the model's feature and target columns" };
        var threads = ThreadsOption.Create();
        var command = new Command("evaluate", "Prints the loss and metric of a saved model on DATA.csv, and for classification the confusion matrix and per-class precision and recall.")
        {
            model, data, threads,
        };
        var csv = new CsvOptions(scoring: true);
        foreach (var option in csv.All)
            command.Options.Add(option);
        command.SetAction(parse => Guard(error, () =>
        {
            using var stop = InterruptSignal.ExitAtOnceOn(interrupt);
            UseBlasQuietly(error, parse.GetValue(threads));
            using var workers = new WorkerPool(ThreadsOption.Resolve(parse.GetValue(threads)));
            return EvaluateRun.Execute(parse.GetValue(model)!, parse.GetValue(data)!, output, csv.Bind(parse) with { Workers = workers.Count }, ThreadsOption.For(workers), csv.GivenMissing(parse), error);
        }));
        return command;
    }

    private static Command ExportCommand(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("MODEL.json") { Description = "A model saved by train" };
        var target = new Argument<string>("OUT") { Description = "The file to write: MODEL.onnx, or with --format safetensors MODEL.safetensors (and MODEL.py beside it)" };
        var format = new Option<string>("--format")
        {
            Description = "onnx: one ONNX graph, preprocessing included; safetensors: the weights for PyTorch, and a Python module beside them that rebuilds the network and holds the preprocessing",
            DefaultValueFactory = _ => "onnx",
        };
        format.AcceptOnlyFromAmong("onnx", "safetensors");
        var overwrite = OverwriteOption("OUT");
        var command = new Command("export", "Writes the model, preprocessing included, as one ONNX graph (opset 13, ai.onnx.ml 3): one input per feature column, named as the column "
            + $"(float (batch, 1) for a number, string (batch, 1) for text; a column named as an output gets '{OnnxExport.ClashingInputSuffix}'); outputs always '{OnnxExport.Label}' "
            + $"(the class name, \"\" where a value cannot be filled, or the values in target units) and, for a classifier, '{OnnxExport.Probabilities}', as predict gives them. "
            + "With --format safetensors, the weights for PyTorch and a Python module (nn.Sequential, preprocessing, predict) to go on training there.")
        {
            model, target, format, overwrite,
        };
        command.SetAction(parse => Guard(error, () =>
        {
            string modelPath = parse.GetValue(model)!;
            string path = parse.GetValue(target)!;
            bool safetensors = parse.GetValue(format) == "safetensors";
            // Both forms are binary: standard output is a terminal or a pipe of text, and '-' would name a file called '-'.
            if (PredictRun.StandardOutput.Contains(path))
                throw new InputException(safetensors
                    ? $"OUT {path}: safetensors weights are binary and are written to a file; name one, such as model.safetensors"
                    : $"MODEL.onnx {path}: an ONNX graph is binary and is written to a file; name one, such as model.onnx");
            if (safetensors)
                return ExportRun.Torch(modelPath, path, output, parse.GetValue(overwrite));
            OutputPaths.Check([new("MODEL.onnx", path, Kind: OutputKind.Onnx)], [new("MODEL.json", modelPath)], parse.GetValue(overwrite));
            var saved = ModelSerializer.Load(modelPath);
            var signature = OnnxExport.Save(path, saved);
            string inputs = string.Join(", ", signature.Inputs.Select(i => $"'{i.Name}' {i.Type.ToString().ToLowerInvariant()}"));
            string outputs = signature.Probabilities is null ? $"'{signature.Label}'" : $"'{signature.Label}', '{signature.Probabilities}'";
            output.WriteLine($"exported {saved.NetworkSpec} to {path}: inputs {inputs}; outputs {outputs}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<bool> OverwriteOption(string output) =>
        new("--overwrite") { Description = $"Let {output} replace an existing file of another kind (a CSV, a model, a report); without it that is refused" };

    /// <summary>Runs the command, turning input errors into one line and exit code 2, and anything else (a bug) into
    /// one line asking for a report and exit code 1 (with the stack trace only when NEURALNET_TRACE=1).</summary>
    private static int Guard(TextWriter error, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is InputException or BlasUnavailableException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An output file that cannot be written (--save, --out, --plot…): .NET's message names the path.
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("NEURALNET_TRACE") != "1")
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {e.Message.TrimEnd('.')}. This is a bug in the trainer: please report it with the command line (NEURALNET_TRACE=1 prints the stack trace)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Installs the matrix-product backend before the first product and prints which one runs.</summary>
    /// <param name="quiet">--quiet: only a fallback notice, or the startup line when a forced kernel was replaced, is
    /// printed (to <paramref name="output"/>, then standard error).</param>
    private static void UseBlas(string choice, TextWriter output, bool quiet = false, int? threads = null)
    {
        var status = BlasBackend.Use(Enum.Parse<BlasChoice>(choice, ignoreCase: true));
        if (status.Notice is not null)
            output.WriteLine(status.Notice);
        if (!quiet || status.KernelReplaced)
            output.WriteLine($"{status.Describe()}; {ThreadsOption.Describe(threads)}");
    }

    // predict may write its CSV to standard output, so only what the user must know goes to standard error: a
    // fallback notice, or train's startup line when the OPENBLAS_CORETYPE the user forced was replaced.
    private static void UseBlasQuietly(TextWriter error, int? threads)
    {
        var status = BlasBackend.Use(BlasChoice.Auto);
        if (status.Notice is not null)
            error.WriteLine(status.Notice);
        if (status.KernelReplaced)
            error.WriteLine($"{status.Describe()}; {ThreadsOption.Describe(threads)}");
    }
}
