namespace Reconciler.Aws.Protocol;

/// <summary>How a timestamp is written (the model's <c>timestampFormat</c>); Default is the protocol's own.</summary>
public enum AwsTimestampFormat
{
    /// <summary>The protocol's default: epoch seconds in JSON bodies, ISO 8601 in query and query strings, RFC 1123 in headers.</summary>
    Default,

    /// <summary>ISO 8601, e.g. 2026-11-26T12:00:00Z.</summary>
    Iso8601,

    /// <summary>Seconds since the Unix epoch, with a fraction when needed.</summary>
    UnixTimestamp,

    /// <summary>RFC 1123 (the model calls it rfc822), e.g. Thu, 26 Nov 2026 12:00:00 GMT.</summary>
    Rfc822,
}
