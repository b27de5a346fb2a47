using Reconciler.Aws.Clients.Lambda;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The two Lambda steps the Function driver and the rollout engine share: waiting until a
/// function has finished updating (Lambda refuses a second update, or a version, while one is in
/// progress), and publishing a version of exactly the code and configuration just read.
/// </summary>
internal static class LambdaPublishing
{
    /// <summary>
    /// Polls GetFunctionConfiguration until the function is neither pending nor updating, and
    /// returns that configuration; a failed update is an error naming Lambda's reason.
    /// </summary>
    public static async Task<FunctionConfiguration> SettledAsync(ILambdaClient lambda, string function, string what, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        FunctionConfiguration? config = null;
        await Waiter.UntilAsync(
            $"{what} to finish updating",
            async ct =>
            {
                config = await lambda.GetFunctionConfigurationAsync(new GetFunctionConfigurationRequest { FunctionName = function }, ct);
                if (config.State == "Failed" || config.LastUpdateStatus == "Failed")
                {
                    throw new InvalidOperationException($"{what}: Lambda could not deploy function {function}: {config.StateReason ?? config.LastUpdateStatusReason}");
                }

                return config.State is not "Pending" && config.LastUpdateStatus is not "InProgress";
            },
            time,
            timeout,
            cancellationToken);
        return config!;
    }

    /// <summary>
    /// Publishes a version of <paramref name="settled"/> with <paramref name="description"/> and
    /// returns its number. CodeSha256 and RevisionId make Lambda refuse to publish anything but
    /// what was just read, so a change made in between fails the publish instead of being versioned.
    /// </summary>
    public static async Task<string> PublishAsync(ILambdaClient lambda, FunctionConfiguration settled, string description, CancellationToken cancellationToken)
    {
        var function = settled.FunctionName ?? throw new InvalidOperationException("A function configuration without its name cannot be published.");
        var version = await lambda.PublishVersionAsync(
            new PublishVersionRequest { FunctionName = function, CodeSha256 = settled.CodeSha256, Description = description, RevisionId = settled.RevisionId },
            cancellationToken);
        return version.Version ?? throw new InvalidOperationException($"PublishVersion of {function} returned no version number.");
    }
}
