using NeuralNet.Cli;

namespace NeuralNet;

public static class Program
{
    public static int Main(string[] args)
    {
        using var interrupt = new InterruptSignal(Console.Error, Environment.Exit).Listen();
        return CommandLine.Run(args, Console.Out, Console.Error, interrupt.Token);
    }
}
