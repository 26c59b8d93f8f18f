using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NeuralNet.Data;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Cli;

/// <summary>The command line, parsed by System.CommandLine. Bad usage and bad input exit with code 2 and one line.</summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var defaults = new TrainOptions { DataPath = "" };
        var data = new Argument<string>("DATA.csv") { Description = "CSV file with a header row; one row per sample" };
        var target = new Option<string?>("--target") { Description = "Target column, by name or 0-based index (negative counts from the end); several, separated by commas, for a multi-output regression [default: last column]", HelpName = "NAME|INDEX[,...]" };
        var task = new Option<string>("--task") { Description = "Task; auto picks classification for text or few distinct integer targets", DefaultValueFactory = _ => "auto" };
        task.AcceptOnlyFromAmong("auto", "classification", "regression");
        var valSplit = Between(new Option<double>("--val-split") { Description = "Share of rows held out for validation (stratified for classification)", DefaultValueFactory = _ => defaults.ValidationSplit }, 0, 1, upperInclusive: false);
        var test = new Option<string?>("--test") { Description = "A separate CSV file with the same columns, evaluated at the end", HelpName = "FILE" };
        var hidden = new Option<int[]>("--hidden")
        {
            Description = "Hidden layer widths, each a Dense + ReLU pair; 'none' for a linear model",
            HelpName = "64,32",
            CustomParser = ParseWidths,
            DefaultValueFactory = _ => [.. defaults.Hidden],
        };
        var epochs = AtLeast(new Option<int>("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => defaults.Epochs }, 1);
        var batchSize = AtLeast(new Option<int>("--batch-size") { Description = "Samples per SGD step", DefaultValueFactory = _ => defaults.BatchSize }, 1);
        var lr = Between(new Option<double>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => defaults.LearningRate }, 0, double.MaxValue, lowerInclusive: false);
        var momentum = Between(new Option<double>("--momentum") { Description = "SGD momentum", DefaultValueFactory = _ => defaults.Momentum }, 0, 1, upperInclusive: false);
        var weightDecay = Between(new Option<double>("--weight-decay") { Description = "L2 weight decay, added to the gradient as in torch.optim.SGD", DefaultValueFactory = _ => defaults.WeightDecay }, 0, double.MaxValue);
        var nesterov = new Option<bool>("--nesterov") { Description = "Use Nesterov momentum" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the initial weights and the batch order", DefaultValueFactory = _ => defaults.Seed };
        var history = new Option<string?>("--history") { Description = "Write epoch,train_loss,val_loss,val_metric,seconds to this CSV file", HelpName = "FILE.csv" };
        var report = new Option<string?>("--report") { Description = "Write the run's summary to this JSON file", HelpName = "FILE.json" };
        var blas = new Option<string>("--blas") { Description = "Matrix-product backend: auto uses OpenBLAS when it loads, else MathNet's managed provider", DefaultValueFactory = _ => "auto" };
        blas.AcceptOnlyFromAmong("auto", "openblas", "managed");

        var root = new RootCommand("Trains a multilayer perceptron (Dense + ReLU, mini-batch SGD) on a CSV file and prints the loss of every epoch.")
        {
            data, target, task, valSplit, test, hidden, epochs, batchSize, lr, momentum, weightDecay, nesterov, seed, history, report, blas,
        };
        var csv = new CsvOptions();
        foreach (var option in csv.All)
            root.Options.Add(option);
        root.SetAction(parse => Guard(error, () =>
        {
            UseBlas(parse.GetValue(blas)!, output);
            return TrainRun.Execute(new TrainOptions
        {
            DataPath = parse.GetValue(data)!,
            Target = parse.GetValue(target),
            Task = parse.GetValue(task) switch
            {
                "classification" => TaskKind.Classification,
                "regression" => TaskKind.Regression,
                _ => null,
            },
            ValidationSplit = parse.GetValue(valSplit),
            TestPath = parse.GetValue(test),
            Hidden = parse.GetValue(hidden)!,
            Epochs = parse.GetValue(epochs),
            BatchSize = parse.GetValue(batchSize),
            LearningRate = parse.GetValue(lr),
            Momentum = parse.GetValue(momentum),
            WeightDecay = parse.GetValue(weightDecay),
            Nesterov = parse.GetValue(nesterov),
            Seed = parse.GetValue(seed),
            HistoryPath = parse.GetValue(history),
            ReportPath = parse.GetValue(report),
            Data = csv.Bind(parse),
        }, output);
        }));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // System.CommandLine lists choices on separate lines; the contract is one line.
            string message = string.Join(' ', result.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            error.WriteLine($"error: {message} (see --help)");
            return ExitCodes.BadInput;
        }
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs the command, turning input errors into one line and exit code 2, and anything else into one
    /// line and exit code 1 (with the stack trace only when NEURALNET_TRACE=1).</summary>
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
        catch (Exception e) when (Environment.GetEnvironmentVariable("NEURALNET_TRACE") != "1")
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {e.Message} (set NEURALNET_TRACE=1 for details)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Installs the matrix-product backend before the first product and prints which one runs.</summary>
    private static void UseBlas(string choice, TextWriter output)
    {
        var status = BlasBackend.Use(Enum.Parse<BlasChoice>(choice, ignoreCase: true));
        if (status.Notice is not null)
            output.WriteLine(status.Notice);
        output.WriteLine(status.Describe());
    }

    private static int[] ParseWidths(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        if (text is "none" or "")
            return [];
        var widths = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1)
            {
                result.AddError($"--hidden takes positive widths separated by commas, such as 64,32; '{part.Trim()}' is not one");
                return [];
            }
            widths.Add(width);
        }
        return [.. widths];
    }

    private static Option<int> AtLeast(Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
                result.AddError($"{option.Name} must be at least {minimum}");
        });
        return option;
    }

    private static Option<double> Between(Option<double> option, double low, double high, bool lowerInclusive = true, bool upperInclusive = true)
    {
        option.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            bool ok = double.IsFinite(value)
                && (lowerInclusive ? value >= low : value > low)
                && (upperInclusive ? value <= high : value < high);
            if (!ok)
            {
                string range = high == double.MaxValue
                    ? (lowerInclusive ? $"at least {low}" : $"greater than {low}")
                    : $"in {(lowerInclusive ? "[" : "(")}{low}, {high}{(upperInclusive ? "]" : ")")}";
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {range}, not {value}"));
            }
        });
        return option;
    }
}
