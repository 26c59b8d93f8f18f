using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// The user's locale does not leak into what the trainer prints or saves. With ICU (no InvariantGlobalization) .NET
/// takes its culture from LANG / LC_ALL, needing no system locale: under tr_TR "i".ToUpper() is "İ", under de_DE
/// 0.5 prints "0,5", and a linguistic sort would put the categories, so the one-hot columns and the weights, in
/// another order. A table with mixed case, Turkish dotted and dotless i and accented letters trains under three
/// locales to the same output (timings aside) and the same model file, byte for byte: as a child process (with
/// Program's invariant-culture guard) and in this process, which skips Program, under the culture itself.
/// </summary>
[NonParallelizable]
public sealed partial class LocaleTests
{
    private static readonly string[] Locales = ["C.UTF-8", "tr_TR.UTF-8", "de_DE.UTF-8"];

    [Test]
    public void TheChildProcessPrintsAndSavesTheSameUnderEveryLocale()
    {
        using var folder = new TempFolder();
        string data = folder.File("städte.csv", Table());
        var runs = Locales.Select(locale => Child(folder, data, locale)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(runs[0].Output, Does.Contain("categorical").And.Contain("İyi"), runs[0].Output);
            for (int i = 1; i < runs.Length; i++)
            {
                Assert.That(runs[i].Output, Is.EqualTo(runs[0].Output), Locales[i]);
                Assert.That(runs[i].Model, Is.EqualTo(runs[0].Model), $"{Locales[i]}: the saved model differs");
            }
        });
    }

    [TestCase("tr-TR")]
    [TestCase("de-DE")]
    public void TheCommandLinePrintsAndSavesTheSameUnderACulture(string culture)
    {
        using var folder = new TempFolder();
        string data = folder.File("städte.csv", Table());
        var invariant = InProcess(folder, data, CultureInfo.InvariantCulture);
        var local = InProcess(folder, data, CultureInfo.GetCultureInfo(culture));
        string model = folder.File("model.json");
        File.WriteAllBytes(model, local.Model);

        Assert.Multiple(() =>
        {
            // By code unit, not linguistically (which the invariant culture is too, with ICU): 'I' < 'i' < 'Ç' < 'İ'.
            Assert.That(ModelSerializer.Load(model).Preprocessing.Features.Single(f => f.Name == "Stadt").Categories,
                Is.EqualTo(Cities.Order(StringComparer.Ordinal)));
            Assert.That(local.Output, Is.EqualTo(invariant.Output));
            Assert.That(local.Model, Is.EqualTo(invariant.Model), "the saved model differs");
        });
    }

    private static readonly string[] Cities = ["Istanbul", "istanbul", "İzmir", "izmir", "Iğdır", "ığdır", "Çorum", "çorum", "Köln", "KÖLN", "köln", "Zürich", "zürich", "München", "Ärzte", "Éire", "éire", "Straße", "STRASSE"];

    /// <summary>Cities in mixed case with I, i, İ, ı and umlauts, two numbers, classes that differ only in case.</summary>
    private static string Table()
    {
        string[] cities = Cities;
        string[] classes = ["Ja", "ja", "İyi", "iyi", "Ilık"];
        var random = new Random(3);
        var text = new StringBuilder("Stadt,Größe,wert,Klasse\n");
        for (int i = 0; i < 240; i++)
        {
            int city = random.Next(cities.Length);
            double size = random.NextDouble() * 10 - 5, value = random.NextDouble() * 1000;
            text.Append(CultureInfo.InvariantCulture, $"{cities[city]},{size:0.000},{value:0.00},{classes[(city + (size > 0 ? 1 : 0)) % classes.Length]}\n");
        }
        return text.ToString();
    }

    private static string[] Arguments(string data, string model) =>
        ["train", data, "--seed", "1", "--epochs", "3", "--blas", "managed", "--save", model];

    private static (string Output, byte[] Model) Child(TempFolder folder, string data, string locale)
    {
        string model = folder.File("model.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Trainer.dll"));
        foreach (string arg in Arguments(data, model))
            start.ArgumentList.Add(arg);
        start.Environment["LANG"] = locale;
        start.Environment["LC_ALL"] = locale;
        start.Environment.Remove("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill();
            Assert.Fail($"{locale}: the trainer did not end within two minutes");
        }
        Assert.That(process.ExitCode, Is.Zero, $"{locale}:\n{output}\n{error.Result}");
        var result = (WithoutTimings(output), File.ReadAllBytes(model));
        File.Delete(model);
        return result;
    }

    // CommandLine.Run as CliRun calls it, under the culture: this thread's, and the default of the threads it starts.
    private static (string Output, byte[] Model) InProcess(TempFolder folder, string data, CultureInfo culture)
    {
        string model = folder.File("model.json");
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var (defaultCulture, defaultUi) = (CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture);
        CliRun run;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
            run = CliRun.Of(Arguments(data, model));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, ui);
            (CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture) = (defaultCulture, defaultUi);
        }
        Assert.That(run.ExitCode, Is.Zero, $"{culture.Name}: {run}");
        var result = (WithoutTimings(run.Output), File.ReadAllBytes(model));
        File.Delete(model);
        return result;
    }

    /// <summary>The output less what the clock decides: read and prepare times, each epoch's seconds and samples/s,
    /// the speed line.</summary>
    private static string WithoutTimings(string output) =>
        SpeedLine().Replace(EpochTiming().Replace(ReadTimes().Replace(output, "(read, prepared)"), "$1"), "speed:");

    [GeneratedRegex(@"\(read [0-9.,]+ s, prepared [0-9.,]+ s\)")]
    private static partial Regex ReadTimes();

    [GeneratedRegex(@"(?m)^( *\d+/\d+( +\S+){3}) +\S+ +\S+$")]
    private static partial Regex EpochTiming();

    [GeneratedRegex(@"(?m)^speed:.*$")]
    private static partial Regex SpeedLine();
}
