using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Controller.Sandbox;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Cli;

/// <summary>
/// What plan and apply share: load and validate the folder (stopping before any AWS call when
/// it is invalid), open the AWS session, run the command's body, and turn refusals and AWS
/// errors into one clear line and exit code 1.
/// </summary>
internal static class StackCommand
{
    public static readonly string[] SharedSwitches = ["sandbox", "allow-other-account"];

    public static async Task<int> RunAsync(
        CliArguments args,
        CliEnvironment environment,
        ILogger logger,
        Func<DesiredStack, AwsSession, GuardOverrides, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var errors = environment.Errors;
        var directory = args.Single("desired-state folder (e.g. desired-state/dev)");
        var desired = StackLoading.Load(directory, errors);
        if (desired is null)
        {
            return ExitCodes.Error;
        }

        var overrides = new GuardOverrides
        {
            AllowMassDelete = args.Has("allow-mass-delete"),
            AllowOtherAccount = args.Has("allow-other-account"),
        };
        var executor = new ExecutorOptions { MaxParallelism = args.Int("parallelism", 4, 1, 64) };
        try
        {
            await using var session = await AwsSession.OpenAsync(desired.Stack, args.Has("sandbox"), executor, environment, logger, cancellationToken);
            return await body(desired, session, overrides);
        }
        catch (GuardViolation refused)
        {
            errors.WriteLine($"error: {refused.Message}");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is AwsConfigurationException or MotoServerException or AmazonServiceException or AmazonClientException or AwsServiceException)
        {
            errors.WriteLine($"error: {AwsErrorText.OneLine(e)}");
            return ExitCodes.Error;
        }
    }
}
