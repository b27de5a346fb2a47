using Reconciler.Aws;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Controller.Cli;

/// <summary>
/// Where the read-only commands (<c>status</c>, <c>rollout</c>) find the state table: the AWS
/// settings given to the command line, else the sandbox that <c>run --sandbox</c> or
/// <c>sandbox up</c> recorded in this folder, else the environment (AWS_REGION and the
/// credential chain). The sandbox is found by folder, so the commonest slip, running the command
/// in another folder with no region set, gets an error that says so.
/// </summary>
internal static class StateTableAws
{
    /// <summary>The AWS settings to read the state table with; <paramref name="region"/> overrides the region.</summary>
    public static AwsEnvironment Resolve(CliEnvironment environment, string? region)
    {
        var aws = environment.Aws ?? new SandboxRegistry().TryGetRunning()?.ToAwsEnvironment(region ?? "us-east-1");
        if (aws is null)
        {
            try
            {
                // --region stands in for AWS_REGION, so it is enough on its own.
                aws = AwsEnvironment.FromEnvironment(name => name == "AWS_REGION" ? region : null);
            }
            catch (AwsConfigurationException e) when (region is null && e.Errors.Any(error => error.StartsWith("AWS region is not set", StringComparison.Ordinal)))
            {
                throw new CliUsageException(
                    $"no sandbox is recorded in {Path.Combine(Directory.GetCurrentDirectory(), ".reconciler", "sandbox.json")} and no AWS region is set. "
                    + "For the sandbox, run this in the folder where 'run --sandbox' (or 'sandbox up') was started; "
                    + "for a state table in AWS, set AWS_REGION or pass --region.");
            }
        }

        return region is null ? aws : aws with { Region = region };
    }
}
