namespace Reconciler.Aws.Protocol;

/// <summary>Where a member travels on the wire (the model's <c>location</c>, or the shape's payload).</summary>
public enum AwsLocation
{
    /// <summary>In the body: a query parameter, an XML element or a JSON property.</summary>
    Body,

    /// <summary>A {Label} of the rest-json URI template.</summary>
    Uri,

    /// <summary>A query-string parameter of a rest-json request.</summary>
    QueryString,

    /// <summary>One HTTP header.</summary>
    Header,

    /// <summary>A map of HTTP headers sharing a prefix.</summary>
    Headers,

    /// <summary>The answer's HTTP status code.</summary>
    StatusCode,

    /// <summary>The whole HTTP body (the shape's <c>payload</c> member).</summary>
    Payload,
}
