using System.Globalization;
using Reconciler.Aws.Clients.ApiGateway;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// API Gateway's JSON-patch operations, the one way its Update* calls change anything: values
/// travel as strings, booleans lower-case, numbers invariant.
/// </summary>
internal static class Patch
{
    public static PatchOperation Replace(string path, string value) => new() { Op = "replace", Path = path, Value = value };

    public static PatchOperation Replace(string path, bool value) => Replace(path, value ? "true" : "false");

    public static PatchOperation Replace(string path, long value) => Replace(path, value.ToString(CultureInfo.InvariantCulture));

    public static PatchOperation Add(string path, string value) => new() { Op = "add", Path = path, Value = value };

    public static PatchOperation Remove(string path, string? value = null) => new() { Op = "remove", Path = path, Value = value };

    /// <summary>A path segment escaped as JSON pointer: <c>/</c> as <c>~1</c> (a media type in <c>/binaryMediaTypes/…</c>).</summary>
    public static string Segment(string text) => text.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
