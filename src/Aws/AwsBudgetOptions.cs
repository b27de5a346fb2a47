using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.Aws;

/// <summary>
/// The settings of the client-side AWS request budget (the controller's AwsRequestBudget): a token bucket per
/// service, keyed by the SigV4 signing name ("ec2", "s3", "dynamodb", "logs", ...), that every
/// HTTP attempt of every client waits on, cut on throttling and raised again when quiet.
/// <para>
/// The defaults are conservative budgets of this client, not AWS's limits: they stay at or
/// below the request rates AWS publishes for these APIs (EC2's describe calls, S3 per prefix,
/// DynamoDB's control plane, CloudWatch Logs), so one process never storms an API even when a
/// large stack plans at once. Where AWS's real limit is lower (EC2's mutating actions, some
/// CloudWatch Logs operations, limits shared with other tools in the account) the adaptive cut
/// finds it from the throttling answers.
/// </para>
/// </summary>
public sealed partial record AwsBudgetOptions
{
    /// <summary>The budget of a service without an entry in <see cref="Services"/>: 10/s burst 20.</summary>
    public static readonly AwsServiceBudget DefaultBudget = new() { RequestsPerSecond = 10, Burst = 20 };

    /// <summary>
    /// The per-service defaults: ec2 20/s burst 40 (describe-heavy), s3 50/s burst 100,
    /// dynamodb 50/s burst 100, logs 10/s burst 20.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, AwsServiceBudget> DefaultServices = new Dictionary<string, AwsServiceBudget>(StringComparer.Ordinal)
    {
        ["ec2"] = new() { RequestsPerSecond = 20, Burst = 40 },
        ["s3"] = new() { RequestsPerSecond = 50, Burst = 100 },
        ["dynamodb"] = new() { RequestsPerSecond = 50, Burst = 100 },
        ["logs"] = new() { RequestsPerSecond = 10, Burst = 20 },
    };

    /// <summary>
    /// Whether requests wait for the budget. Default true. When false nothing waits, but
    /// throttling is still counted and the adaptive rate still tracked (for metrics).
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The budget of every service not in <see cref="Services"/>. Default <see cref="DefaultBudget"/>.</summary>
    public AwsServiceBudget Default { get; init; } = DefaultBudget;

    /// <summary>
    /// Budgets by SigV4 signing name (lower case, e.g. "ec2", "logs"); replaces the defaults
    /// as a whole, so use <see cref="WithService"/> to change one. Default <see cref="DefaultServices"/>.
    /// </summary>
    public IReadOnlyDictionary<string, AwsServiceBudget> Services { get; init; } = DefaultServices;

    /// <summary>Floor of the adaptive rate, in requests per second. Default 0.5; at most every service's rate.</summary>
    public double MinimumRate { get; init; } = 0.5;

    /// <summary>Factor a throttling answer multiplies the service's rate by. Default 0.5; between 0 and 1, both excluded.</summary>
    public double DecreaseFactor { get; init; } = 0.5;

    /// <summary>
    /// Share of the configured rate added back after each <see cref="QuietPeriod"/> without
    /// throttling. Default 0.1 (a halved rate is back in full after five quiet periods); above 0, at most 1.
    /// </summary>
    public double RecoveryStep { get; init; } = 0.1;

    /// <summary>Time without a throttling answer before the rate is raised one step. Default 5 s.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No budget at all: for benchmarks against an emulator, where waiting only skews the timings.</summary>
    public static AwsBudgetOptions Unlimited { get; } = new() { Enabled = false };

    /// <summary>The budget of <paramref name="service"/> (its signing name).</summary>
    public AwsServiceBudget For(string service) => Services.TryGetValue(service, out var budget) ? budget : Default;

    /// <summary>These options with <paramref name="service"/>'s budget set, the others kept.</summary>
    public AwsBudgetOptions WithService(string service, AwsServiceBudget budget) =>
        this with { Services = new Dictionary<string, AwsServiceBudget>(Services, StringComparer.Ordinal) { [service] = budget } };

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Default is null)
        {
            errors.Add("Budget Default is not set; set it to a service budget such as 10/s burst 20.");
        }
        else
        {
            ValidateService("Budget Default", Default, errors);
        }

        foreach (var (service, budget) in Services.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!SigningNamePattern().IsMatch(service))
            {
                errors.Add($"Budget service '{service}' is not a SigV4 signing name; key budgets by the lower-case name such as 'ec2', 's3' or 'logs'.");
            }

            if (budget is null)
            {
                errors.Add($"Budget for service '{service}' is not set; set it to a service budget or remove the entry.");
                continue;
            }

            ValidateService($"Budget for service '{service}'", budget, errors);
        }

        if (!(MinimumRate > 0) || !double.IsFinite(MinimumRate))
        {
            errors.Add(Invariant($"Budget MinimumRate is {MinimumRate}; set it to a positive rate such as 0.5 requests per second."));
        }
        else
        {
            var rates = Services.Where(p => p.Value is not null).Select(p => (Name: $"service '{p.Key}'", p.Value.RequestsPerSecond));
            if (Default is not null)
            {
                rates = rates.Prepend(("Default", Default.RequestsPerSecond));
            }

            foreach (var (name, rate) in rates.Where(r => r.RequestsPerSecond > 0 && r.RequestsPerSecond < MinimumRate))
            {
                errors.Add(Invariant($"Budget MinimumRate ({MinimumRate}) is above the rate of {name} ({rate}); lower MinimumRate or raise that RequestsPerSecond."));
            }
        }

        if (!(DecreaseFactor is > 0 and < 1))
        {
            errors.Add(Invariant($"Budget DecreaseFactor is {DecreaseFactor}; set it between 0 and 1 (both excluded), such as 0.5 to halve the rate on throttling."));
        }

        if (!(RecoveryStep is > 0 and <= 1))
        {
            errors.Add(Invariant($"Budget RecoveryStep is {RecoveryStep}; set it above 0 and at most 1, such as 0.1 to add back a tenth of the rate per quiet period."));
        }

        if (QuietPeriod <= TimeSpan.Zero)
        {
            errors.Add($"Budget QuietPeriod is {QuietPeriod}; set it to a positive time such as 00:00:05.");
        }

        return errors;
    }

    private static void ValidateService(string name, AwsServiceBudget budget, List<string> errors)
    {
        if (!(budget.RequestsPerSecond > 0) || !double.IsFinite(budget.RequestsPerSecond))
        {
            errors.Add(Invariant($"{name} RequestsPerSecond is {budget.RequestsPerSecond}; set it to a positive number of requests per second such as 10."));
        }

        if (budget.Burst < 1)
        {
            errors.Add(Invariant($"{name} Burst is {budget.Burst}; set it to at least 1, such as 20."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Records print every property; the services dictionary would print as its type name.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Enabled = {Enabled}, Default = {Default}, Services = [")
            .AppendJoin(", ", Services.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))
            .Append(CultureInfo.InvariantCulture, $"], MinimumRate = {MinimumRate}, DecreaseFactor = {DecreaseFactor}, ")
            .Append(CultureInfo.InvariantCulture, $"RecoveryStep = {RecoveryStep}, QuietPeriod = {QuietPeriod}");
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex SigningNamePattern();
}
