namespace Reconciler.Aws.Protocol;

/// <summary>The intermediate and final values of one SigV4 signing, as the AWS test suite publishes them.</summary>
/// <param name="CanonicalRequest">Task 1: the canonical request.</param>
/// <param name="StringToSign">Task 2: the string to sign.</param>
/// <param name="Signature">Task 3: the hex signature.</param>
/// <param name="SignedHeaders">The ';'-joined lower-case names of the signed headers.</param>
/// <param name="Authorization">Task 4: the Authorization header value.</param>
internal sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string SignedHeaders,
    string Authorization);
