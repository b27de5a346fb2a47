using System.Text;
using Amazon.Runtime;
using Reconciler.Aws.Protocol;

namespace Reconciler.Aws.Tests.Protocol;

/// <summary>
/// The published AWS SigV4 test suite (aws-sig-v4-test-suite): credentials AKIDEXAMPLE,
/// region us-east-1, service "service", date 20150830T123600Z. Expected values are the
/// suite's .creq, .sts and .authz files.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_GetVanilla_MatchesPublishedVector()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");

        var signature = SigV4Signer.Sign(request, [], Credentials, "us-east-1", "service", SignedAt);

        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            signature.Authorization);
        Assert.Equal(signature.Authorization, request.Headers.Authorization!.ToString());
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public void Sign_GetVanillaQueryOrderKeyCase_SortsQueryAndMatchesPublishedVector()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/?Param2=value2&Param1=value1");

        var signature = SigV4Signer.Sign(request, [], Credentials, "us-east-1", "service", SignedAt);

        Assert.Equal(
            "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
            signature.Authorization);
    }

    [Fact]
    public void Sign_PostVanilla_MatchesPublishedVector()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/");

        var signature = SigV4Signer.Sign(request, [], Credentials, "us-east-1", "service", SignedAt);

        Assert.Equal(
            "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            signature.Authorization);
    }

    [Fact]
    public void Sign_PostXWwwFormUrlencoded_SignsContentTypeAndBodyAsPublished()
    {
        var body = Encoding.UTF8.GetBytes("Param1=value1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");

        var signature = SigV4Signer.Sign(request, body, Credentials, "us-east-1", "service", SignedAt);

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            + "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            signature.Authorization);
    }

    [Fact]
    public void Sign_TemporaryCredentials_SendsAndSignsTheSessionToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        var temporary = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");

        var signature = SigV4Signer.Sign(request, [], temporary, "us-east-1", "service", SignedAt);

        Assert.Equal("session-token", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal("host;x-amz-date;x-amz-security-token", signature.SignedHeaders);
        Assert.Contains("x-amz-security-token:session-token\n", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_NonS3Path_EncodesEachSegmentAgainButS3KeepsItAsSent()
    {
        using var other = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/functions/a%3Ab/x");
        using var s3 = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/functions/a%3Ab/x");

        var otherSignature = SigV4Signer.Sign(other, [], Credentials, "us-east-1", "lambda", SignedAt);
        var s3Signature = SigV4Signer.Sign(s3, [], Credentials, "us-east-1", "s3", SignedAt);

        Assert.StartsWith("GET\n/functions/a%253Ab/x\n", otherSignature.CanonicalRequest, StringComparison.Ordinal);
        Assert.StartsWith("GET\n/functions/a%3Ab/x\n", s3Signature.CanonicalRequest, StringComparison.Ordinal);
    }
}
