using System.CommandLine;
using System.CommandLine.Help;

namespace NeuralNet.Cli;

/// <summary>
/// Help whose usage lines name the installed tool and each verb's own arguments. System.CommandLine's usage and
/// argument sections include the parent's arguments, so with the root taking DATA.csv (for the short
/// <c>neuralnet DATA.csv</c>) every verb showed <c>Trainer &lt;DATA.csv&gt; predict &lt;MODEL.json&gt; …</c>; its help
/// layout cannot be customised from outside (HelpContext is internal in 2.0), so the text it writes is corrected.
/// </summary>
public static class UsageHelp
{
    /// <summary>The command the tool installs (ToolCommandName in Trainer.csproj).</summary>
    public const string ToolName = "neuralnet";

    /// <summary>Runs the parsed command; when it is a help request, writes the corrected help to <paramref name="output"/>.</summary>
    public static int Invoke(ParseResult result, TextWriter output, TextWriter error)
    {
        if (result.Action is not HelpAction)
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        var help = new StringWriter();
        int code = result.Invoke(new InvocationConfiguration { Output = help, Error = error, EnableDefaultExceptionHandler = false });
        output.Write(Correct(help.ToString(), result.CommandResult.Command));
        return code;
    }

    /// <summary>"neuralnet predict &lt;MODEL.json&gt; &lt;DATA.csv&gt; [options]"; for the root, also the verbs.</summary>
    public static IReadOnlyList<string> UsageLines(Command command)
    {
        string arguments = string.Concat(command.Arguments.Select(a => $" <{a.Name}>"));
        return command is RootCommand
            ? [$"{ToolName}{arguments} [options]   (short for '{ToolName} train{arguments}')", $"{ToolName} [command] ... [options]"]
            : [$"{ToolName} {command.Name}{arguments} [options]"];
    }

    // Replaces the Usage section and keeps the command's own rows of the Arguments section: they come last (the
    // parents' rows first, an identical one shown once); a row starts with "  <", a wrapped description continues it.
    private static string Correct(string help, Command command)
    {
        var corrected = new List<string>();
        var argumentRows = new List<List<string>>();
        string section = "";
        foreach (string line in help.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                section = line;
                corrected.Add(line);
                if (section == "Usage:")
                    corrected.AddRange(UsageLines(command).Select(u => $"  {u}"));
                if (section == "Arguments:")
                    corrected.Add(""); // where the own rows go
                continue;
            }
            if (section == "Usage:" && line.Length > 0)
                continue;
            if (section == "Arguments:" && line.Length > 0)
            {
                if (line.StartsWith("  <", StringComparison.Ordinal) || argumentRows.Count == 0)
                    argumentRows.Add([]);
                argumentRows[^1].Add(line);
                continue;
            }
            corrected.Add(line);
        }
        int at = corrected.IndexOf("Arguments:");
        if (at >= 0)
        {
            corrected.RemoveAt(at + 1);
            corrected.InsertRange(at + 1, argumentRows.TakeLast(command.Arguments.Count).SelectMany(row => row));
        }
        return string.Join(Environment.NewLine, corrected);
    }
}
