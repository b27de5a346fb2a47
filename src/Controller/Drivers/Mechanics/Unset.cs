using Amazon.Runtime;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Reads of a setting that AWS answers with an error when it was never configured (S3's
/// <c>NoSuchLifecycleConfiguration</c>, <c>NoSuchTagSet</c>, ...): that error means "unset", not failure.
/// </summary>
internal static class Unset
{
    /// <summary>The setting, or <paramref name="whenUnset"/> when AWS answers <paramref name="unsetErrorCode"/>.</summary>
    public static async Task<T> OrAsync<T>(Func<Task<T>> read, string unsetErrorCode, T whenUnset)
    {
        try
        {
            return await read();
        }
        catch (AmazonServiceException e) when (e.ErrorCode == unsetErrorCode)
        {
            return whenUnset;
        }
    }
}
