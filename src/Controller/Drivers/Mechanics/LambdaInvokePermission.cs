using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Aws.Clients.Lambda;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The statement in a Lambda alias's resource policy that lets a service invoke it from one
/// source (API Gateway from one REST API's ARN): one statement per source, under a statement id
/// the controller derives from the source, so it is found, added and removed without listing anything else.
/// </summary>
/// <param name="AliasArn">The alias: <c>arn:aws:lambda:region:account:function:name:alias</c>.</param>
/// <param name="StatementId">The statement's id.</param>
/// <param name="Principal">The service allowed, e.g. <c>apigateway.amazonaws.com</c>.</param>
/// <param name="SourceArn">The only source it is allowed from (with wildcards where the service adds parts).</param>
internal sealed record LambdaInvokePermission(string AliasArn, string StatementId, string Principal, string SourceArn)
{
    private string[] Parts => AliasArn.Split(':');

    /// <summary>The account an ARN names (its fifth field).</summary>
    public static string AccountOf(string arn) =>
        arn.Split(':') is { Length: > 4 } parts ? parts[4] : throw new InvalidOperationException($"'{arn}' is not an ARN with an account.");

    private string FunctionArn => Parts.Length == 8 ? string.Join(':', Parts[..7]) : throw new InvalidOperationException($"'{AliasArn}' is not a Lambda alias ARN (arn:aws:lambda:region:account:function:name:alias).");

    private string Qualifier => Parts[7];

    /// <summary>Whether the alias's policy holds the statement; a function without a policy holds none.</summary>
    public async Task<bool> ExistsAsync(DriverContext context, CancellationToken cancellationToken)
    {
        GetPolicyResponse policy;
        try
        {
            policy = await context.Aws.Lambda.GetPolicyAsync(new GetPolicyRequest { FunctionName = FunctionArn, Qualifier = Qualifier }, cancellationToken);
        }
        catch (AwsResourceNotFoundException)
        {
            return false;
        }

        if (policy.Policy is not { } text)
        {
            return false;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.TryGetProperty("Statement", out var statements)
            && statements.ValueKind == JsonValueKind.Array
            && statements.EnumerateArray().Any(s => s.TryGetProperty("Sid", out var sid) && sid.GetString() == StatementId);
    }

    /// <summary>Adds the statement; one already there (a lost answer, a concurrent add) is success.</summary>
    public async Task GrantAsync(DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Lambda.AddPermissionAsync(
                new AddPermissionRequest
                {
                    FunctionName = FunctionArn,
                    Qualifier = Qualifier,
                    StatementId = StatementId,
                    Action = "lambda:InvokeFunction",
                    Principal = Principal,
                    SourceArn = SourceArn,
                },
                cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Granted already.
        }
    }

    /// <summary>Removes the statement; a missing one (or alias) is success.</summary>
    public async Task RevokeAsync(DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Lambda.RemovePermissionAsync(new RemovePermissionRequest { FunctionName = FunctionArn, Qualifier = Qualifier, StatementId = StatementId }, cancellationToken);
        }
        catch (AwsResourceNotFoundException)
        {
            // Gone already.
        }
    }
}
