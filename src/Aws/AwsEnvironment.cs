using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace Reconciler.Aws;

/// <summary>
/// Where and as whom a process talks to AWS: the region, endpoint overrides and
/// (optionally) explicit credentials. Read from the standard AWS settings by
/// <see cref="FromEnvironment()"/> so the same binary talks to AWS, LocalStack or moto:
/// AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt; then AWS_ENDPOINT_URL,
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS and AWS_MAX_ATTEMPTS. Credentials are left to the
/// AWS SDK's default credential chain unless set here; they never appear in
/// <see cref="ToString"/>.
/// </summary>
public sealed partial record AwsEnvironment
{
    /// <summary>The AWS region, e.g. "eu-west-1".</summary>
    public required string Region { get; init; }

    /// <summary>Endpoint for every service without its own override (AWS_ENDPOINT_URL); null for real AWS.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>
    /// Per-service endpoint overrides keyed by <see cref="AwsService.EnvironmentKey"/>
    /// (e.g. "CLOUDWATCH_LOGS"); these win over <see cref="EndpointUrl"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> ServiceEndpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Explicit credentials (tests, emulators); null means the AWS SDK's default credential chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Retries and timeouts for every client.</summary>
    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>
    /// The request budget per service for the controller's client factory built from these
    /// settings (see <see cref="AwsBudgetOptions"/> for the defaults); ignored when the factory
    /// is given a shared budget, and by clients built on <see cref="Protocol.AwsRequestSender"/> alone.
    /// </summary>
    public AwsBudgetOptions Budget { get; init; } = new();

    /// <summary>
    /// Settings for an emulator (moto, LocalStack): every service at <paramref name="endpoint"/>.
    /// </summary>
    public static AwsEnvironment ForEndpoint(Uri endpoint, string region = "us-east-1", AWSCredentials? credentials = null) =>
        new() { Region = region, EndpointUrl = endpoint, Credentials = credentials };

    /// <summary>The same settings with every service pointed at <paramref name="endpoint"/>.</summary>
    public AwsEnvironment WithEndpoint(Uri endpoint) =>
        this with { EndpointUrl = endpoint, ServiceEndpoints = new Dictionary<string, Uri>() };

    /// <summary>
    /// The standard settings for a stack: the stack's region wins over AWS_REGION, since the
    /// Stack document says where its resources live; endpoints and credentials as usual.
    /// </summary>
    public static AwsEnvironment ForStack(string stackRegion) =>
        FromVariables(Environment.GetEnvironmentVariable, () => stackRegion) with { Region = stackRegion };

    /// <summary>
    /// Reads the standard AWS settings from the process environment (and the region from the
    /// AWS profile when no variable names one) and validates them, throwing
    /// <see cref="AwsConfigurationException"/> with every problem found.
    /// </summary>
    public static AwsEnvironment FromEnvironment() =>
        FromVariables(Environment.GetEnvironmentVariable, RegionFromProfile);

    /// <summary>
    /// As <see cref="FromEnvironment()"/>, but where <paramref name="overrides"/> gives a value
    /// for a variable's name, that value is read instead of the variable: an application's own
    /// settings standing in for the standard ones (e.g. a configured region for AWS_REGION).
    /// </summary>
    public static AwsEnvironment FromEnvironment(Func<string, string?> overrides) =>
        FromVariables(name => overrides(name) ?? Environment.GetEnvironmentVariable(name), RegionFromProfile);

    /// <summary>
    /// Reads the standard AWS settings through <paramref name="read"/> (tests pass a dictionary);
    /// <paramref name="fallbackRegion"/> supplies a region when no variable names one.
    /// </summary>
    public static AwsEnvironment FromVariables(Func<string, string?> read, Func<string?>? fallbackRegion = null)
    {
        var errors = new List<string>();

        var region = NonEmpty(read("AWS_REGION")) ?? NonEmpty(read("AWS_DEFAULT_REGION")) ?? fallbackRegion?.Invoke();
        if (region is null)
        {
            errors.Add("AWS region is not set: set AWS_REGION (or AWS_DEFAULT_REGION), e.g. AWS_REGION=eu-west-1, or a region in the AWS profile.");
        }

        var ignoreEndpoints = false;
        var ignoreText = NonEmpty(read("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
        if (ignoreText is not null && !bool.TryParse(ignoreText, out ignoreEndpoints))
        {
            errors.Add($"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is '{ignoreText}'; set it to true or false.");
        }

        Uri? global = null;
        var perService = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (!ignoreEndpoints)
        {
            global = ReadEndpoint(read, "AWS_ENDPOINT_URL", errors);
            foreach (var service in AwsService.Known)
            {
                if (ReadEndpoint(read, service.EndpointVariable, errors) is { } uri)
                {
                    perService[service.EnvironmentKey] = uri;
                }
            }
        }

        var retry = new AwsRetryOptions();
        var attemptsText = NonEmpty(read("AWS_MAX_ATTEMPTS"));
        if (attemptsText is not null)
        {
            if (int.TryParse(attemptsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) && attempts is >= 1 and <= 20)
            {
                retry = retry with { MaxAttempts = attempts };
            }
            else
            {
                errors.Add($"AWS_MAX_ATTEMPTS is '{attemptsText}'; set it to a whole number between 1 and 20.");
            }
        }

        var environment = new AwsEnvironment
        {
            Region = region ?? string.Empty,
            EndpointUrl = global,
            ServiceEndpoints = perService,
            Retry = retry,
        };
        if (region is not null)
        {
            errors.AddRange(environment.Validate());
        }

        if (errors.Count > 0)
        {
            throw new AwsConfigurationException(errors);
        }

        return environment;
    }

    /// <summary>Every problem with these settings, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Region))
        {
            errors.Add("AWS region is empty: set AWS_REGION, e.g. AWS_REGION=eu-west-1.");
        }
        else if (!RegionPattern().IsMatch(Region))
        {
            errors.Add($"AWS region '{Region}' is not a region name like 'eu-west-1': fix AWS_REGION.");
        }

        if (EndpointUrl is not null && !IsHttpUrl(EndpointUrl))
        {
            errors.Add($"AWS endpoint '{EndpointUrl}' is not an absolute http(s) URL: set AWS_ENDPOINT_URL like http://127.0.0.1:5000.");
        }

        foreach (var (key, uri) in ServiceEndpoints)
        {
            if (!IsHttpUrl(uri))
            {
                errors.Add($"AWS endpoint for {key} '{uri}' is not an absolute http(s) URL: set AWS_ENDPOINT_URL_{key} like http://127.0.0.1:5000.");
            }
        }

        errors.AddRange(Retry.Validate());
        errors.AddRange(Budget.Validate());
        return errors;
    }

    /// <summary>Throws <see cref="AwsConfigurationException"/> when <see cref="Validate"/> finds problems.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new AwsConfigurationException(errors);
        }
    }

    /// <summary>The overridden endpoint of <paramref name="service"/>, or null to use the real AWS endpoint.</summary>
    public Uri? ResolveEndpoint(AwsService service) =>
        ServiceEndpoints.TryGetValue(service.EnvironmentKey, out var specific) ? specific : EndpointUrl;

    /// <summary>The endpoint to send <paramref name="service"/>'s requests to: the override, else real AWS.</summary>
    public Uri EndpointFor(AwsService service) => ResolveEndpoint(service) ?? service.DefaultEndpoint(Region);

    /// <summary>The region to put in <paramref name="service"/>'s SigV4 credential scope.</summary>
    public string SigningRegionFor(AwsService service) => service.SigningRegion(Region);

    // Records print every property; credentials must never reach a log, so only safe ones are printed.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Region = {Region}, EndpointUrl = {EndpointUrl}, ");
        builder.Append("ServiceEndpoints = [")
            .AppendJoin(", ", ServiceEndpoints.Select(p => p.Key + "=" + p.Value))
            .Append("], ");
        builder.Append(Credentials is null ? "Credentials = default chain" : "Credentials = explicit");
        builder.Append(CultureInfo.InvariantCulture, $", Retry = {Retry}, Budget = {Budget}");
        return true;
    }

    private static Uri? ReadEndpoint(Func<string, string?> read, string variable, List<string> errors)
    {
        var text = NonEmpty(read(variable));
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsHttpUrl(uri))
        {
            return uri;
        }

        errors.Add($"{variable} is '{text}', which is not an absolute http(s) URL: set it like http://127.0.0.1:5000.");
        return null;
    }

    // Only the profile files (AWS_PROFILE, ~/.aws/config): the instance metadata service would
    // stall start-up for seconds on any machine that is not in EC2.
    private static string? RegionFromProfile()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint(false)?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private static bool IsHttpUrl(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
