using System.CommandLine;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Reconcile.Guards;
using Reconciler.Controller.Sandbox;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Cli;

/// <summary>
/// What plan and apply share: their common options, loading and validating the folder
/// (stopping before any AWS call when it is invalid), opening the AWS session, running the
/// command's body, and turning refusals and AWS errors into one clear line and exit code 1.
/// </summary>
internal static class StackCommand
{
    /// <summary>--sandbox, as plan and apply describe it.</summary>
    public static Option<bool> SandboxOption() => CliSymbols.Switch(
        "sandbox",
        "Start moto_server (a local AWS emulator) on a free 127.0.0.1 port with the stack's account id for this command only, and stop it at the end.");

    /// <summary>--allow-other-account, as plan and apply describe it.</summary>
    public static Option<bool> AllowOtherAccountOption() => CliSymbols.Switch(
        "allow-other-account",
        "Act although the credentials belong to another AWS account than the Stack document names (the account guard refuses otherwise).");

    public static async Task<int> RunAsync(
        StackCommandOptions options,
        CliEnvironment environment,
        ILogger logger,
        Func<DesiredStack, AwsSession, GuardOverrides, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var errors = environment.Errors;
        var desired = StackLoading.Load(options.Directory, errors);
        if (desired is null)
        {
            return ExitCodes.Error;
        }

        var overrides = new GuardOverrides
        {
            AllowMassDelete = options.AllowMassDelete,
            AllowOtherAccount = options.AllowOtherAccount,
        };
        var executor = new ExecutorOptions { MaxParallelism = options.Parallelism };
        try
        {
            await using var session = await AwsSession.OpenAsync(desired.Stack, options.Sandbox, executor, environment, logger, cancellationToken);
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
