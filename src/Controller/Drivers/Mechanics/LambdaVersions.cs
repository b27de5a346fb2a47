using System.Globalization;
using Reconciler.Aws.Clients.Lambda;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// A function's published versions (every page of ListVersionsByFunction, without <c>$LATEST</c>):
/// the Function driver reports the latest as its <c>version</c> output, and the Alias driver
/// resolves <c>latest-published</c> with it. Lambda numbers versions 1, 2, 3... and never reuses one.
/// </summary>
internal static class LambdaVersions
{
    /// <summary>The published versions, oldest first.</summary>
    public static async Task<IReadOnlyList<FunctionConfiguration>> PublishedAsync(ILambdaClient lambda, string functionName, CancellationToken cancellationToken)
    {
        var versions = await Pages.ReadAllAsync<FunctionConfiguration>(async marker =>
        {
            var page = await lambda.ListVersionsByFunctionAsync(new ListVersionsByFunctionRequest { FunctionName = functionName, Marker = marker }, cancellationToken);
            return (page.Versions, page.NextMarker);
        });
        return [.. versions.Where(v => NumberOf(v.Version) is not null).OrderBy(v => NumberOf(v.Version))];
    }

    /// <summary>The latest published version number, or null when none was published.</summary>
    public static async Task<string?> LatestAsync(ILambdaClient lambda, string functionName, CancellationToken cancellationToken) =>
        (await PublishedAsync(lambda, functionName, cancellationToken)).LastOrDefault()?.Version;

    /// <summary>A published version's number; null for <c>$LATEST</c>.</summary>
    public static int? NumberOf(string? version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
