using System.Text.RegularExpressions;
using Reconciler.Model.Kinds;
using Reconciler.Model.Loading;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A Lambda function, such as the inference service's runtime loop (<c>provided.al2023</c> with the
/// <c>bootstrap</c> of deploy/inference/lambda). Every change to its code or configuration is
/// published as a new version; live state reports the latest published version number as the
/// output <c>version</c>, which an Alias (or a rollout) points at.
/// </summary>
/// <remarks>Replaced delete-then-create: its name is fixed by the document.</remarks>
[Kind("Function")]
public sealed partial record FunctionSpec : IResourceSpec
{
    /// <summary>Environment variable names refused as secrets (Lambda shows their values to anyone who may read the function).</summary>
    private static readonly string[] SecretMarkers = ["PASSWORD", "SECRET", "API_KEY", "APIKEY", "TOKEN"];

    /// <summary>The function's name, at most 64 letters, digits, hyphens and underscores. Defaults to <c>{stack}-{name}</c>. Changing it replaces the function.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? FunctionName { get; init; }

    /// <summary>The code: a zip from a Bucket document by key and version id, or an ECR image.</summary>
    public required FunctionCodeSpec Code { get; init; }

    /// <summary>The runtime of a zip function (<c>provided.al2023</c> runs a self-contained <c>bootstrap</c>); none for an image.</summary>
    [AllowedValues("provided.al2023", "provided.al2", "dotnet8", "java21", "python3.12", "python3.13", "nodejs20.x", "nodejs22.x")]
    public string? Runtime { get; init; }

    /// <summary>The handler of a zip function (<c>bootstrap</c> for a custom runtime); none for an image.</summary>
    public string? Handler { get; init; }

    /// <summary>Memory in MB (CPU grows with it).</summary>
    [Range(128, 10240)]
    public int MemoryMb { get; init; } = 256;

    /// <summary>Seconds an invocation may run.</summary>
    [Range(1, 900)]
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>Environment variables. Never secrets: pass a Secrets Manager secret's id or ARN instead.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Concurrent executions reserved for (and capping) the function; unmanaged when absent.</summary>
    [Range(0, 1000)]
    public int? ReservedConcurrency { get; init; }

    /// <summary>The Subnet documents the function runs in; none keeps it outside any VPC.</summary>
    [Reference("Subnet")]
    public IReadOnlyList<string> Subnets { get; init; } = [];

    /// <summary>The SecurityGroup documents of its network interfaces (with subnets only).</summary>
    [Reference("SecurityGroup")]
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>The Role document the function runs as (trusting lambda.amazonaws.com).</summary>
    [Reference("Role")]
    public required string Role { get; init; }

    /// <summary>
    /// The LogGroup document its logs go to, named <c>/aws/lambda/{functionName}</c>: declared so
    /// its retention is the document's, not the forever of the group Lambda would create itself.
    /// </summary>
    [Reference("LogGroup")]
    public required string LogGroup { get; init; }

    /// <summary>The instruction set: x86_64 or arm64 (Graviton, about 20% cheaper per GB-second).</summary>
    [AllowedValues("x86_64", "arm64")]
    public string Architecture { get; init; } = "x86_64";

    /// <summary>The log group name Lambda writes to for a function name.</summary>
    public static string LogGroupNameFor(string functionName) => $"/aws/lambda/{functionName}";

    /// <summary>Name rules, one code source, runtime and handler only for zips, subnets with security groups, no secrets in the environment, and the log group's name.</summary>
    public void Validate(SpecRules rules)
    {
        if (FunctionName is { } name && (name.Length is < 1 or > 64 || !NamePattern().IsMatch(name)))
        {
            var problem = $"Function names are 1 to 64 letters, digits, hyphens and underscores (this one: '{name}')";
            if (rules.IsSet("functionName"))
            {
                rules.Error("functionName", $"invalid functionName in Function spec: {problem}");
            }
            else
            {
                rules.ErrorAtName($"default function name (stack name and document name) is invalid: {problem}; set spec.functionName or shorten the names");
            }
        }

        if (Code is not null && rules.HasValue("code"))
        {
            Code.Validate(rules, "code");
            ValidateRuntime(rules, Code.IsZip);
        }

        if ((Subnets.Count == 0) != (SecurityGroups.Count == 0))
        {
            rules.Error(Subnets.Count == 0 ? "securityGroups" : "subnets", "Function spec places the function in a VPC with both subnets and securityGroups; set both or neither");
        }

        foreach (var key in Environment.Keys.Where(LooksLikeSecret))
        {
            rules.Error($"environment.{key}", $"environment variable '{key}' in Function spec looks like a secret: Lambda shows environment values to anyone who can read the function; keep the value in Secrets Manager and pass its id or ARN (e.g. {key}_SECRET_ARN)");
        }

        ValidateLogGroup(rules);
    }

    /// <summary>Requests and GB-seconds at the assumed traffic and average duration, at this memory size and architecture.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var requestsMillions = prices.Assumption("Function", "requestsMillionsPerMonth");
        var durationMs = prices.Assumption("Function", "averageDurationMs");
        var gbSeconds = requestsMillions * 1_000_000m * (durationMs / 1000m) * (MemoryMb / 1024m);
        var compute = prices.Price(Architecture == "arm64" ? "lambda.computeArm" : "lambda.compute");
        var usd = (requestsMillions * prices.Price("lambda.requests")) + (gbSeconds * compute);
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(requestsMillions)} million requests a month, {MonthlyCost.Figure(durationMs)} ms average at {MonthlyCost.Figure(MemoryMb)} MB ({MonthlyCost.Figure(Math.Round(gbSeconds))} GB-seconds, {Architecture})");
    }

    /// <summary>
    /// A name that says it holds a secret (PASSWORD, SECRET, API_KEY, TOKEN), unless it says it
    /// holds where one is kept (<c>..._ARN</c>, <c>...Id</c>, <c>..._NAME</c>: the loader's own rule).
    /// </summary>
    internal static bool LooksLikeSecret(string key) =>
        SecretMarkers.Any(m => key.Contains(m, StringComparison.OrdinalIgnoreCase)) && SecretScanner.IsSecretName(key);

    private void ValidateRuntime(SpecRules rules, bool zip)
    {
        foreach (var (field, value) in new[] { ("runtime", Runtime), ("handler", Handler) })
        {
            if (zip && value is null && !rules.IsSet(field))
            {
                rules.Error("code", $"a zip function in Function spec needs {field} (provided.al2023 with handler bootstrap for the inference service)");
            }
            else if (!zip && value is not null)
            {
                rules.Error(field, $"{field} in Function spec applies to zip functions only: an image function's image sets its own; remove {field}");
            }
        }
    }

    private void ValidateLogGroup(SpecRules rules)
    {
        if (LogGroup is null || FunctionName is null || rules.Find<LogGroupSpec>(LogGroup) is not { LogGroupName: { } actual })
        {
            return;
        }

        var expected = LogGroupNameFor(FunctionName);
        if (actual != expected)
        {
            rules.Error("logGroup", $"logGroup '{LogGroup}' in Function spec is named '{actual}', but Lambda writes function '{FunctionName}' logs to '{expected}'; set that LogGroup's logGroupName to '{expected}'");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
