namespace Reconciler.Controller.Cli;

/// <summary>
/// A parsed command line: the command words, the positional arguments and the flags.
/// Flags are <c>--name</c> (switches) or <c>--name value</c>; unknown flags are errors, so a
/// misspelled <c>--alow-mass-delete</c> never silently does nothing.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _flags;

    private CliArguments(IReadOnlyList<string> positional, Dictionary<string, string?> flags)
    {
        Positional = positional;
        _flags = flags;
    }

    /// <summary>The words that are not flags, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; <paramref name="switches"/> take no value, <paramref name="options"/> take one.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> switches, IReadOnlyCollection<string> options)
    {
        var positional = new List<string>();
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            if (switches.Contains(name) && inline is null)
            {
                flags[name] = null;
            }
            else if (options.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"--{name} needs a value."));
                flags[name] = value;
            }
            else
            {
                var known = switches.Concat(options).Select(k => "--" + k).ToList();
                throw new CliUsageException(known.Count == 0
                    ? $"Unknown option {arg}: this command takes none."
                    : $"Unknown option {arg}. Known options: {string.Join(", ", known)}.");
            }
        }

        return new CliArguments(positional, flags);
    }

    /// <summary>Whether a switch was given.</summary>
    public bool Has(string name) => _flags.ContainsKey(name);

    /// <summary>The value of an option, if given.</summary>
    public string? Value(string name) => _flags.GetValueOrDefault(name);

    /// <summary>An integer option, with its default and bounds.</summary>
    public int Int(string name, int defaultValue, int minimum, int maximum)
    {
        if (Value(name) is not { } text)
        {
            return defaultValue;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new CliUsageException($"--{name} must be a whole number from {minimum} to {maximum}, not '{text}'.");
    }

    /// <summary>The single positional argument a command needs, or a usage error naming it.</summary>
    public string Single(string what)
    {
        return Positional.Count switch
        {
            1 => Positional[0],
            0 => throw new CliUsageException($"Missing {what}."),
            _ => throw new CliUsageException($"Expected one {what}, got {Positional.Count}: {string.Join(" ", Positional)}."),
        };
    }
}
