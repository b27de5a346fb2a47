using System.Text.RegularExpressions;

namespace Reconciler.Controller.Sandbox;

/// <summary>How to start a moto server.</summary>
public sealed partial record MotoServerOptions
{
    /// <summary>The AWS account id moto pretends to be (MOTO_ACCOUNT_ID). Default 123456789012.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The loopback port; 0 picks a free one. Default 0.</summary>
    public int Port { get; init; }

    /// <summary>The moto_server executable: a name looked up on PATH, or a path. Default "moto_server".</summary>
    public string Executable { get; init; } = "moto_server";

    /// <summary>How long to wait for moto to answer HTTP. Default 30 s.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!AccountIdPattern().IsMatch(AccountId))
        {
            errors.Add($"Moto AccountId '{AccountId}' is not a 12-digit AWS account id; use e.g. 123456789012.");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"Moto Port {Port} is out of range; use 0 for a free port or a port between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(Executable))
        {
            errors.Add("Moto Executable is empty; use \"moto_server\" or the path of the moto_server script.");
        }

        if (StartupTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Moto StartupTimeout is {StartupTimeout}; use a positive time such as 00:00:30.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Moto server options are invalid: " + string.Join(" ", errors));
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();
}
