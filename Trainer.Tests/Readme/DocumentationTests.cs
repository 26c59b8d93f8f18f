using System.Text.RegularExpressions;

namespace NeuralNet.Tests.Readme;

/// <summary>
/// The documentation's shape: README.md is the front door (what it is, the two commands, install, one run, the options
/// that matter, exit codes, quality, links) and fits on a page; everything else is one page per topic in docs/, each
/// reachable from the README; and no relative link of any page points at a file or a heading that is not there, so
/// moving text between pages cannot leave a reader at a dead end.
/// </summary>
public sealed partial class DocumentationTests
{
    /// <summary>The README's limit: a page a newcomer reads through; the rest is in docs/.</summary>
    public const int ReadmeMaxLines = 250;

    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");

    [Test]
    public void The_readme_fits_on_a_page()
    {
        int lines = Readme.TrimEnd('\n').Split('\n').Length;
        Assert.That(lines, Is.LessThanOrEqualTo(ReadmeMaxLines), "README.md: move the detail to a page of docs/ and link it");
    }

    [Test]
    public void The_readme_keeps_its_sections_in_order()
    {
        string[] sections = ["## Two commands", "## Install it as a command", "## What it prints", "## Options that matter", "## Exit codes", "## Quality", "## Documentation"];
        string[] headings = [.. Headings(Readme.Split('\n')).Where(h => h.StartsWith("## ", StringComparison.Ordinal))];
        Assert.That(headings, Is.EqualTo(sections));
    }

    [Test]
    public void The_readmes_quality_section_holds_the_quality_table()
    {
        // The lead refreshes the figures from the quality benchmark's output; the section and the table's header stay.
        string section = Section(Readme, "## Quality");
        Assert.That(section.Split('\n'), Has.Some.StartsWith("| dataset | train rows | metric |"));
        Assert.That(section.Split('\n').Count(line => line.StartsWith("| ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(7), "a header, its rule and the five shipped datasets at least");
    }

    [Test]
    public void The_readme_links_every_page_of_docs()
    {
        string[] pages = [.. MarkdownExamples.Files.Where(f => f != "README.md").Select(f => f.Replace('\\', '/'))];
        var linked = Links(Readme).Select(link => link.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.That(pages, Is.Not.Empty);
        Assert.That(pages.Where(page => !linked.Contains(page)), Is.Empty, "pages of docs/ the README does not link");
    }

    [Test]
    public void Every_relative_link_of_the_documentation_names_a_file_and_a_heading_that_exist()
    {
        var problems = MarkdownExamples.Files.SelectMany(file => BrokenLinks(file, File.ReadAllText(Path.Combine(RepoPaths.Root, file)))).ToList();
        Assert.That(problems, Is.Empty, string.Join('\n', problems));
        // The links were found: a broken reader would find none and pass the line above.
        Assert.That(MarkdownExamples.Files.Sum(file => Links(File.ReadAllText(Path.Combine(RepoPaths.Root, file))).Count()), Is.GreaterThanOrEqualTo(40));
    }

    [Test]
    public void A_link_to_a_missing_file_or_heading_is_reported()
    {
        const string Page = "# Title\n\n## A heading: with `code` + signs\n\n[ok](#a-heading-with-code--signs) [ok](../README.md#exit-codes) [ok](speed.md)\n"
            + "[gone](nowhere.md) [no heading](speed.md#no-such-heading) [no anchor](#nothing-here) [web](https://example.com/x.md)\n"
            + "`[code](not-a-link.md)`\n```\n[fenced](not-a-link.md)\n```\n";
        var problems = BrokenLinks("docs/example.md", Page).ToList();
        Assert.That(problems, Has.Count.EqualTo(3), string.Join('\n', problems));
        Assert.That(problems, Has.One.Contains("nowhere.md: no such file"));
        Assert.That(problems, Has.One.Contains("speed.md#no-such-heading: no such heading"));
        Assert.That(problems, Has.One.Contains("#nothing-here: no such heading"));
    }

    [TestCase("Big files: read + prepare against pandas", ExpectedResult = "big-files-read--prepare-against-pandas")]
    [TestCase("One worker against numpy (issue 4)", ExpectedResult = "one-worker-against-numpy-issue-4")]
    [TestCase("`--layers` and ReLU's kernels", ExpectedResult = "--layers-and-relus-kernels")]
    [TestCase("5000×5000 double", ExpectedResult = "50005000-double")]
    public string A_heading_is_linked_by_githubs_anchor(string heading) => Anchor(heading);

    /// <summary>Each relative link of <paramref name="text"/> (a page at <paramref name="file"/>, relative to the
    /// root) whose file is missing, or whose #anchor is no heading of the markdown file it names.</summary>
    public static IEnumerable<string> BrokenLinks(string file, string text)
    {
        string folder = Path.GetDirectoryName(file) ?? "";
        foreach (var (line, target) in Links(text))
        {
            string where = $"{file}:{line}: {target}";
            int hash = target.IndexOf('#', StringComparison.Ordinal);
            string path = hash < 0 ? target : target[..hash];
            string full = Path.GetFullPath(Path.Combine(RepoPaths.Root, folder, path));
            if (path.Length > 0 && !File.Exists(full) && !Directory.Exists(full))
            {
                yield return $"{where}: no such file";
                continue;
            }
            if (hash < 0)
                continue;
            string[] lines = path.Length == 0 ? text.ReplaceLineEndings("\n").Split('\n') : File.ReadAllText(full).ReplaceLineEndings("\n").Split('\n');
            if (!Anchors(lines).Contains(target[(hash + 1)..]))
                yield return $"{where}: no such heading in {(path.Length == 0 ? file : path)}";
        }
    }

    /// <summary>The links and images of a page outside fenced blocks and inline code, with their lines; web and mail
    /// links left out (they are not this repository's to check).</summary>
    public static IEnumerable<(int Line, string Target)> Links(string text)
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        bool fenced = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (Fence().IsMatch(lines[i]))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced)
                continue;
            foreach (Match link in Link().Matches(InlineCode().Replace(lines[i], "")))
            {
                string target = link.Groups[1].Value;
                if (!Scheme().IsMatch(target))
                    yield return (i + 1, target);
            }
        }
    }

    /// <summary>The anchors of a page's headings, as GitHub makes them: a second heading of the same text gets -1.</summary>
    private static HashSet<string> Anchors(string[] lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (string heading in Headings(lines))
        {
            string anchor = Anchor(heading.TrimStart('#').Trim());
            string unique = anchor;
            for (int n = 1; !anchors.Add(unique); n++)
                unique = $"{anchor}-{n}";
        }
        return anchors;
    }

    /// <summary>GitHub's anchor for a heading: lower case, punctuation and symbols dropped (code marks included),
    /// each space a hyphen.</summary>
    private static string Anchor(string heading) => NotInAnchor().Replace(heading.ToLowerInvariant(), "").Replace(' ', '-');

    /// <summary>The heading lines (#, ##, …) outside fenced blocks.</summary>
    private static IEnumerable<string> Headings(string[] lines)
    {
        bool fenced = false;
        foreach (string line in lines)
        {
            if (Fence().IsMatch(line))
                fenced = !fenced;
            else if (!fenced && HeadingLine().IsMatch(line))
                yield return line.TrimEnd();
        }
    }

    /// <summary>The text under <paramref name="heading"/> up to the next heading of its level or above.</summary>
    private static string Section(string text, string heading)
    {
        int start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no '{heading}' section");
        int end = text.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex(@"^\s*```")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(?<!`)`[^`]+`(?!`)")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#{1,6} ")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{N}\p{Pc} -]")]
    private static partial Regex NotInAnchor();
}
