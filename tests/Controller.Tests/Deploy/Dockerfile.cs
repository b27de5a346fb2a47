using System.Text.RegularExpressions;

namespace Reconciler.Controller.Tests.Deploy;

/// <summary>
/// A Dockerfile read the way the Docker builder reads it, as far as these tests need: comment
/// lines dropped (also between continuation lines), lines ending in a backslash joined, the ARGs
/// before the first FROM substituted into FROM, and instructions grouped into stages. There is no
/// Docker engine here, so this is what checks the images.
/// </summary>
internal sealed partial record Dockerfile(IReadOnlyDictionary<string, string?> GlobalArgs, IReadOnlyList<DockerStage> Stages)
{
    /// <summary>The stage that becomes the image.</summary>
    public DockerStage Final => Stages[^1];

    /// <summary>Every instruction, global ARGs and all stages, in file order.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; init; } = [];

    public static Dockerfile Parse(string text)
    {
        var instructions = ReadInstructions(text);
        var globalArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        string? image = null, name = null;
        var current = new List<DockerInstruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (image is not null)
                {
                    stages.Add(new DockerStage(image, name, current));
                    current = [];
                }

                (image, name) = ParseFrom(instruction, globalArgs);
            }
            else if (image is null)
            {
                // Before the first FROM only ARG (and parser directives, which are comments) may stand.
                if (instruction.Keyword != "ARG")
                {
                    throw new FormatException($"line {instruction.Line}: {instruction.Keyword} before the first FROM.");
                }

                foreach (var (key, value) in instruction.Variables())
                {
                    globalArgs[key] = value;
                }
            }
            else
            {
                current.Add(instruction);
            }
        }

        if (image is null)
        {
            throw new FormatException("no FROM instruction.");
        }

        stages.Add(new DockerStage(image, name, current));
        return new Dockerfile(globalArgs, stages) { Instructions = instructions };
    }

    private static List<DockerInstruction> ReadInstructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Any(l => EscapeDirective().IsMatch(l)))
        {
            // A different escape character changes what continues a line; not needed, so not guessed at.
            throw new FormatException("the escape parser directive is not supported by this reader.");
        }

        var result = new List<DockerInstruction>();
        var pending = new System.Text.StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && pending.Length > 0))
            {
                // Comments, and empty lines inside a continued instruction, are removed before joining.
                continue;
            }

            if (trimmed.Length == 0)
            {
                continue;
            }

            if (pending.Length == 0)
            {
                start = i + 1;
            }

            var body = line.TrimEnd();
            if (body.EndsWith('\\'))
            {
                pending.Append(body[..^1]);
                continue;
            }

            pending.Append(body);
            result.Add(ToInstruction(pending.ToString(), start));
            pending.Clear();
        }

        if (pending.Length > 0)
        {
            result.Add(ToInstruction(pending.ToString(), start));
        }

        return result;
    }

    private static DockerInstruction ToInstruction(string text, int line)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\t']);
        return space < 0
            ? new DockerInstruction(trimmed.ToUpperInvariant(), "", line)
            : new DockerInstruction(trimmed[..space].ToUpperInvariant(), trimmed[(space + 1)..].Trim(), line);
    }

    // FROM [--platform=...] image [AS name], with $VAR and ${VAR} from the global ARGs.
    private static (string Image, string? Name) ParseFrom(DockerInstruction from, IReadOnlyDictionary<string, string?> args)
    {
        var words = from.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (words.Count is not (1 or 3) || (words.Count == 3 && !words[1].Equals("AS", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException($"line {from.Line}: FROM must be 'image [AS name]', not '{from.Arguments}'.");
        }

        var image = Variable().Replace(words[0], m =>
        {
            var key = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value;
            return args.TryGetValue(key, out var value) && value is not null
                ? value
                : throw new FormatException($"line {from.Line}: FROM uses ${key}, which no ARG before the first FROM gives a default.");
        });
        return (image, words.Count == 3 ? words[2] : null);
    }

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*#\s*escape\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EscapeDirective();
}
