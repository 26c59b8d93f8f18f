using System.Text;
using System.Text.RegularExpressions;

namespace NeuralNet.Tests.Readme;

/// <summary>The forms of command line the documentation's examples may use; anything else fails
/// <see cref="ReadmeExampleTests"/>, so a new kind of example is added together with the code that checks it.</summary>
public enum CommandForm
{
    /// <summary><c>neuralnet ARGS</c>, <c>dotnet run -c Release --project Trainer -- ARGS</c> or
    /// <c>dotnet Trainer/bin/CONFIG/net10.0/Trainer.dll ARGS</c>: the trainer.</summary>
    Trainer,

    /// <summary><c>dotnet run -c Release --project Trainer.Benchmarks -- ARGS</c> or
    /// <c>[/usr/bin/time -v] dotnet Trainer.Benchmarks/bin/CONFIG/net10.0/Trainer.Benchmarks.dll ARGS</c>.</summary>
    Benchmark,

    /// <summary><c>printf 'TEXT' &gt; FILE</c>; the arguments are the text (escapes read) and the file.</summary>
    Printf,

    /// <summary><c>bash ../shared/datasets/fashion-mnist.sh data/fashion-mnist</c>.</summary>
    MakeFashionMnist,

    /// <summary><c>/usr/bin/python3 ../shared/datasets/synthetic.py data/synthetic</c>.</summary>
    MakeSynthetic,

    /// <summary><c>dotnet build -c Release [PROJECT]</c>; the argument is the project, if any.</summary>
    Build,

    /// <summary><c>dotnet test</c>.</summary>
    Test,

    /// <summary><c>dotnet pack -c Release</c>.</summary>
    Pack,

    /// <summary><c>dotnet tool install --global --add-source FOLDER PACKAGE</c>; the arguments are the folder and the package.</summary>
    ToolInstall,
}

/// <summary>One command line of an example, read as the shell would split it (quotes, backslashes, a trailing
/// comment), and its form. Lines the test cannot run without a shell (variables, pipes, redirections other than
/// printf's, process substitution) have no form.</summary>
public sealed partial record ShellCommand(CommandForm Form, string[] Args)
{
    /// <summary>The command's form and arguments, or null for a line of no known form.</summary>
    public static ShellCommand? Parse(string line)
    {
        string[]? words = Words(line);
        return words switch
        {
            null => null,
            ["neuralnet", .. var args] => new(CommandForm.Trainer, args),
            ["dotnet", "run", "-c", "Release", "--project", "Trainer", "--", .. var args] => new(CommandForm.Trainer, args),
            ["dotnet", var dll, .. var args] when BuiltDll().Match(dll) is { Success: true } m && m.Groups[1].Value == "Trainer" => new(CommandForm.Trainer, args),
            ["dotnet", "run", "-c", "Release", "--project", "Trainer.Benchmarks", "--", .. var args] => new(CommandForm.Benchmark, args),
            ["/usr/bin/time", "-v", "dotnet", var dll, .. var args] when BuiltDll().Match(dll) is { Success: true } m && m.Groups[1].Value == "Trainer.Benchmarks" => new(CommandForm.Benchmark, args),
            ["dotnet", var dll, .. var args] when BuiltDll().Match(dll) is { Success: true } m && m.Groups[1].Value == "Trainer.Benchmarks" => new(CommandForm.Benchmark, args),
            ["printf", var format, ">", var file] when PrintfText(format) is { } text => new(CommandForm.Printf, [text, file]),
            ["bash", "../shared/datasets/fashion-mnist.sh", "data/fashion-mnist"] => new(CommandForm.MakeFashionMnist, []),
            ["/usr/bin/python3", "../shared/datasets/synthetic.py", "data/synthetic"] => new(CommandForm.MakeSynthetic, []),
            ["dotnet", "build", "-c", "Release", .. var project] when project.Length <= 1 => new(CommandForm.Build, project),
            ["dotnet", "test"] => new(CommandForm.Test, []),
            ["dotnet", "pack", "-c", "Release"] => new(CommandForm.Pack, []),
            ["dotnet", "tool", "install", "--global", "--add-source", var folder, var package] => new(CommandForm.ToolInstall, [folder, package]),
            _ => null,
        };
    }

    /// <summary>The words of <paramref name="line"/> as a POSIX shell splits a simple command: '…' literal,
    /// "…" with \" and \\, a backslash escaping the next character, '#' starting a comment at a word's start, '&gt;'
    /// a word of its own. Null when the line needs more of a shell than that, or a quote is not closed.</summary>
    public static string[]? Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (c == '\'')
            {
                int end = line.IndexOf('\'', i + 1);
                if (end < 0)
                    return null;
                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '"')
            {
                int j = i + 1;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    if (line[j] == '$' || line[j] == '`')
                        return null;
                    if (line[j] == '\\' && j + 1 < line.Length && line[j + 1] is '"' or '\\')
                        j++;
                    word.Append(line[j]);
                }
                if (j >= line.Length)
                    return null;
                inWord = true;
                i = j;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (c == '>')
            {
                if (inWord)
                    words.Add(word.ToString());
                words.Add(">");
                word.Clear();
                inWord = false;
            }
            else if (c is '$' or '`' or ';' or '|' or '&' or '<' or '(' or ')' or '*' or '?')
            {
                return null; // variables, command lists, pipes, redirections, globs: not run without a shell
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return [.. words];
    }

    /// <summary>What printf writes for a format without conversions: \n, \t and \\ read; null for a format with a
    /// conversion (%) or another escape, which the test does not emulate.</summary>
    private static string? PrintfText(string format)
    {
        if (format.Contains('%', StringComparison.Ordinal))
            return null;
        var text = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '\\')
            {
                text.Append(format[i]);
                continue;
            }
            if (++i >= format.Length)
                return null;
            switch (format[i])
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case '\\': text.Append('\\'); break;
                default: return null;
            }
        }
        return text.ToString();
    }

    /// <summary>Trainer/bin/Release/net10.0/Trainer.dll (any configuration): the project's name in group 1.</summary>
    [GeneratedRegex(@"^(Trainer|Trainer\.Benchmarks)/bin/(?:Release|Debug)/net10\.0/\1\.dll$")]
    private static partial Regex BuiltDll();
}
