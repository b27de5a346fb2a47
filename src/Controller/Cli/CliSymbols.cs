using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Reconciler.Controller.Cli;

/// <summary>
/// The options and arguments the commands are built from. Each carries the description that
/// <c>--help</c> prints, and parsers whose messages name the option and what it accepts, so a
/// wrong value is refused while parsing, before anything starts.
/// </summary>
internal static class CliSymbols
{
    /// <summary>The one folder of documents plan, apply and validate work on.</summary>
    public static Argument<string> Folder() => new("DIR")
    {
        Description = "The environment folder of desired-state documents, e.g. desired-state/dev (exactly one Stack document in it).",
    };

    /// <summary>A flag: given or not.</summary>
    public static Option<bool> Switch(string name, string description) => new("--" + name) { Description = description };

    /// <summary>An option taking one value, printed in help as <paramref name="helpName"/>.</summary>
    public static Option<string?> Text(string name, string helpName, string description) =>
        new("--" + name) { Description = description, HelpName = helpName };

    /// <summary>A duration such as 500ms, 15s, 5m or 1h; null when not given (the caller's default applies, named in the description).</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new("--" + name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = result => Parse(result, text => Durations.Parse(name, text)),
    };

    /// <summary>A whole number within bounds; null when not given.</summary>
    public static Option<int?> Number(string name, string helpName, int minimum, int maximum, string description) => new("--" + name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse<int?>(result, text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
                ? value
                : throw new CliUsageException($"--{name} must be a whole number from {minimum} to {maximum}, not '{text}'.")),
    };

    /// <summary>One of a few words; null when not given.</summary>
    public static Option<string?> Choice(string name, string[] choices, string description) => new("--" + name)
    {
        Description = description,
        HelpName = string.Join('|', choices),
        CustomParser = result => Parse(result, text => choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new CliUsageException($"--{name} must be {string.Join(" or ", choices)}, not '{text}'.")),
    };

    // A value the parser refuses becomes a parse error with the parser's own message.
    private static T? Parse<T>(ArgumentResult result, Func<string, T> parse)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        try
        {
            return parse(text);
        }
        catch (CliUsageException e)
        {
            result.AddError(e.Message);
            return default;
        }
    }
}
