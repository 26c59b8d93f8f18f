using System.Globalization;
using System.Reflection;
using NeuralNet.Cli;

namespace NeuralNet;

public static class Program
{
    public static int Main(string[] args)
    {
        // With ICU the culture would come from LANG / LC_ALL. Every call that depends on one names it (the CA1304,
        // CA1305, CA1307, CA1309, CA1310 and CA1311 analyzers are errors, and Cli/LocaleTests runs the trainer under
        // Turkish and German locales); this guards what the analyzers cannot see, such as a number in an
        // interpolated string or a sort of texts without a comparer. Threads started later inherit the default.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        // `neuralnet --version` alone is answered before the command tree is built: that is what it would print
        // (System.CommandLine's version option prints this attribute), without loading the parser.
        if (args is ["--version"])
        {
            Console.Out.WriteLine(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
            return 0;
        }
        using var interrupt = new InterruptSignal(Console.Error, Environment.Exit).Listen();
        return CommandLine.Run(args, Console.Out, Console.Error, interrupt.Token);
    }
}
