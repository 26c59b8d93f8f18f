using System.Reflection;
using NeuralNet.Cli;

namespace NeuralNet;

public static class Program
{
    public static int Main(string[] args)
    {
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
