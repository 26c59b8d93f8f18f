using System.Text.RegularExpressions;

namespace NeuralNet.Tests.Readme;

/// <summary>One command of an example block and the output the documentation shows under it (after a
/// <c>$ command</c> line; <c>...</c> stands for lines left out).</summary>
public sealed record ExampleStep(int Line, string Command, string[] Shown);

/// <summary>A fenced block of README.md or docs/*.md: where it starts (the fence line, 1-based), its info string
/// (<c>sh</c>, <c>csharp</c>, or empty), its kind (the <c>&lt;!-- example: KIND --&gt;</c> line right above the fence,
/// or null) and its lines, with the fence's indentation removed.</summary>
public sealed record ExampleBlock(string File, int Line, string Info, string? Kind, string[] Lines)
{
    /// <summary>The block's commands, a line continued with a trailing backslash read as one; in a block with
    /// <c>$ </c> prompts only those lines are commands and the lines under each are its shown output.</summary>
    public IReadOnlyList<ExampleStep> Steps
    {
        get
        {
            var joined = new List<(int Line, string Text)>();
            for (int i = 0; i < Lines.Length; i++)
            {
                int first = i;
                string text = Lines[i];
                while (text.EndsWith('\\') && i + 1 < Lines.Length)
                    text = text[..^1] + " " + Lines[++i].Trim();
                if (text.Trim().Length > 0)
                    joined.Add((Line + 1 + first, text));
            }
            bool prompted = joined.Any(l => l.Text.StartsWith("$ ", StringComparison.Ordinal));
            var steps = new List<ExampleStep>();
            foreach (var (line, text) in joined)
            {
                if (!prompted || text.StartsWith("$ ", StringComparison.Ordinal))
                    steps.Add(new(line, prompted ? text[2..] : text, []));
                else if (steps.Count > 0)
                    steps[^1] = steps[^1] with { Shown = [.. steps[^1].Shown, text] };
                else
                    steps.Add(new(line, "", [text])); // output above any command: reported as a command of no form
            }
            return steps;
        }
    }

    public override string ToString() => $"{File}:{Line}";
}

/// <summary>The examples of the documentation a reader is shown: README.md and docs/*.md.</summary>
public static partial class MarkdownExamples
{
    /// <summary>The documentation's files, relative to the repository root.</summary>
    public static IReadOnlyList<string> Files { get; } =
        ["README.md", .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(RepoPaths.Root, f))];

    /// <summary>Every fenced block of every file, in order.</summary>
    public static IReadOnlyList<ExampleBlock> Blocks { get; } = [.. Files.SelectMany(BlocksOf)];

    /// <summary>Inline code spans (<c>`…`</c>) outside the fenced blocks, a span broken over lines read as one line.</summary>
    public static IEnumerable<(string File, int Line, string Text)> InlineCode()
    {
        foreach (string file in Files)
        {
            string[] lines = Read(file);
            var outside = new string[lines.Length];
            bool fenced = false;
            for (int i = 0; i < lines.Length; i++)
            {
                bool fence = Fence().IsMatch(lines[i]);
                outside[i] = fenced || fence ? "" : lines[i];
                fenced ^= fence;
            }
            string text = string.Join('\n', outside);
            foreach (Match span in InlineSpan().Matches(text))
                yield return (file, text[..span.Index].Count(c => c == '\n') + 1, Whitespace().Replace(span.Groups[1].Value, " ").Trim());
        }
    }

    private static IEnumerable<ExampleBlock> BlocksOf(string file)
    {
        string[] lines = Read(file);
        for (int i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
                continue;
            int indent = open.Groups[1].Length;
            int start = i;
            var body = new List<string>();
            while (++i < lines.Length && lines[i].Trim() != "```")
                body.Add(lines[i].Length >= indent && lines[i][..indent].Trim().Length == 0 ? lines[i][indent..] : lines[i].TrimStart());
            var marker = start > 0 ? Marker().Match(lines[start - 1]) : Match.Empty;
            yield return new(file, start + 1, open.Groups[2].Value, marker.Success ? marker.Groups[1].Value : null, [.. body]);
        }
    }

    private static string[] Read(string file) => File.ReadAllText(Path.Combine(RepoPaths.Root, file)).ReplaceLineEndings("\n").Split('\n');

    [GeneratedRegex(@"^(\s*)```(\S*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!-- example: (\S+) -->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"(?<!`)`([^`]+)`(?!`)")]
    private static partial Regex InlineSpan();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
