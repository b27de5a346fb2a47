using System.Globalization;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Faults to inject into every AWS request, for testing and measuring how the controller holds
/// up (<see cref="AwsFaultInjectionHandler"/>). Off unless RECONCILER_FAULTS is set, e.g.
/// <c>RECONCILER_FAULTS="throttle=0.3,error5xx=0.05,latencyMs=20,lostWrites=0.15,seed=7"</c>;
/// when off, nothing is added to the handler chain.
/// </summary>
public sealed record AwsFaultOptions
{
    /// <summary>The environment variable the options are read from.</summary>
    public const string Variable = "RECONCILER_FAULTS";

    /// <summary>Share of requests answered with throttling, in each protocol's own form, without reaching AWS. 0 to 1.</summary>
    public double Throttle { get; init; }

    /// <summary>Share of requests answered with a server error (500 InternalError or 503 ServiceUnavailable) without reaching AWS. 0 to 1.</summary>
    public double Error5xx { get; init; }

    /// <summary>Added to every request, in milliseconds.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share of writes sent to AWS, carried out, and then answered with a 500: the answer is lost. 0 to 1.</summary>
    public double LostWrites { get; init; }

    /// <summary>Seed of the random choices, so a run can be repeated.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// When set, request number CrashAfter + 1 and every later one fail without reaching AWS, as if
    /// the process had died after request CrashAfter: the crash tests.
    /// </summary>
    public int? CrashAfter { get; init; }

    /// <summary>Whether any fault is configured.</summary>
    public bool Enabled => Throttle > 0 || Error5xx > 0 || LatencyMs > 0 || LostWrites > 0 || CrashAfter is not null;

    /// <summary>Reads <see cref="Variable"/>; null when unset or empty.</summary>
    /// <exception cref="AwsConfigurationException">The value is invalid; it lists every problem.</exception>
    public static AwsFaultOptions? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Parses <c>name=value</c> pairs separated by commas; null for null or blank text.</summary>
    /// <exception cref="AwsConfigurationException">The text is invalid; it lists every problem.</exception>
    public static AwsFaultOptions? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var errors = new List<string>();
        var options = new AwsFaultOptions();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var name = parts[0];
            var value = parts.Length == 2 ? parts[1] : string.Empty;
            options = name switch
            {
                "throttle" => options with { Throttle = Share(name, value, errors) },
                "error5xx" => options with { Error5xx = Share(name, value, errors) },
                "lostWrites" => options with { LostWrites = Share(name, value, errors) },
                "latencyMs" => options with { LatencyMs = Whole(name, value, 0, 60_000, errors) },
                "seed" => options with { Seed = Whole(name, value, int.MinValue, int.MaxValue, errors) },
                "crashAfter" => options with { CrashAfter = Whole(name, value, 0, int.MaxValue, errors) },
                _ => Unknown(options, name, errors),
            };
        }

        if (options.Throttle + options.Error5xx > 1)
        {
            errors.Add($"{Variable}: throttle ({options.Throttle}) and error5xx ({options.Error5xx}) add up to more than 1; lower them.");
        }

        return errors.Count > 0 ? throw new AwsConfigurationException(errors) : options;
    }

    private static double Share(string name, string value, List<string> errors)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1)
        {
            return share;
        }

        errors.Add($"{Variable}: {name} is '{value}'; set it to a share between 0 and 1, e.g. {name}=0.05.");
        return 0;
    }

    private static int Whole(string name, string value, int min, int max, List<string> errors)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"{Variable}: {name} is '{value}'; set it to a whole number between {min} and {max}.");
        return 0;
    }

    private static AwsFaultOptions Unknown(AwsFaultOptions options, string name, List<string> errors)
    {
        errors.Add($"{Variable}: unknown setting '{name}'; use throttle, error5xx, latencyMs, lostWrites, seed or crashAfter.");
        return options;
    }
}
