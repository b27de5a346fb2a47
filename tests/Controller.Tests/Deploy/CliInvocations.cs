using System.CommandLine;
using System.Text.RegularExpressions;

namespace Reconciler.Controller.Tests.Deploy;

/// <summary>
/// The <c>reconciler</c> commands a shell script runs, checked against the real command tree, so a
/// renamed command or option breaks the test of every script that still uses the old name.
/// </summary>
internal static partial class CliInvocations
{
    /// <summary>One call: the command path (e.g. "plan", "sandbox up") and the options given.</summary>
    public sealed record Invocation(string Command, IReadOnlyList<string> Options, string Line);

    /// <summary>
    /// Every line of <paramref name="script"/> that runs <c>reconciler</c> as a command (at the start
    /// of a line or after <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>;</c> or <c>then</c>); comment lines are skipped.
    /// </summary>
    public static IReadOnlyList<Invocation> In(string script, RootCommand root)
    {
        var found = new List<Invocation>();
        foreach (var line in script.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith('#')))
        {
            foreach (Match call in Call().Matches(line))
            {
                var words = call.Groups["rest"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
                var command = (Command)root;
                var path = new List<string>();
                while (words.Count > 0 && command.Subcommands.FirstOrDefault(c => c.Name == words[0]) is { } sub)
                {
                    command = sub;
                    path.Add(words[0]);
                    words.RemoveAt(0);
                }

                var name = path.Count > 0 ? string.Join(' ', path) : words.FirstOrDefault() ?? "";
                found.Add(new Invocation(name, [.. words.Where(w => w.StartsWith("--", StringComparison.Ordinal)).Select(w => w.Split('=')[0])], line));
            }
        }

        return found;
    }

    /// <summary>Each invocation naming a command or an option the command line does not have, as a sentence.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Invocation> invocations, RootCommand root)
    {
        var problems = new List<string>();
        foreach (var invocation in invocations)
        {
            var command = invocation.Command.Split(' ').Aggregate<string, Command?>(root, (parent, word) => parent?.Subcommands.FirstOrDefault(c => c.Name == word));
            if (command is null || command == root)
            {
                problems.Add($"'{invocation.Line}': reconciler has no command '{invocation.Command}'.");
                continue;
            }

            foreach (var option in invocation.Options.Where(o => !command.Options.Any(c => c.Name == o || c.Aliases.Contains(o))))
            {
                problems.Add($"'{invocation.Line}': reconciler {invocation.Command} has no option {option}.");
            }
        }

        return problems;
    }

    // The command word, then the rest of the simple command (up to a redirection, pipe or separator).
    [GeneratedRegex(@"(?:^|[;!]\s*|&&\s*|\|\|\s*|\bthen\s+)reconciler\s+(?<rest>[^;&|<>\n]*)")]
    private static partial Regex Call();
}
