using Reconciler.Controller.Aws.Logs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Log group tags: read and added by the group's ARN (without the trailing <c>:*</c>).</summary>
internal static class LogsTags
{
    /// <summary>Adds or corrects the desired tags; others are left alone.</summary>
    public static async Task ConvergeAsync(ICloudWatchLogsClient logs, string resourceArn, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken)
    {
        var missing = TagDiff.Missing(desired, live);
        if (missing.Count == 0)
        {
            return;
        }

        await logs.TagResourceAsync(resourceArn, missing.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), cancellationToken);
    }
}
