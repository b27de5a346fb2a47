using Reconciler.Aws.Clients.Acm;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class AcmMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task RequestCertificate_IsSeenByTheCliAndReadBack()
    {
        var acm = moto.Clients.CreateAcm();
        var domain = MotoFixture.Unique("api") + ".example.com";

        var arn = (await acm.RequestCertificateAsync(new RequestCertificateRequest
        {
            DomainName = domain,
            ValidationMethod = "DNS",
            Tags = [new Tag { Key = "reconciler:stack", Value = "dev" }],
        })).CertificateArn!;

        var certificate = (await acm.DescribeCertificateAsync(new DescribeCertificateRequest { CertificateArn = arn })).Certificate!;
        var cli = await moto.CliAsync("acm", "describe-certificate", "--certificate-arn", arn);
        var listed = await acm.ListCertificatesAllAsync(new ListCertificatesRequest { MaxItems = 1 }).Select(c => c.CertificateArn).ToListAsync();
        var tags = (await acm.ListTagsForCertificateAsync(new ListTagsForCertificateRequest { CertificateArn = arn })).Tags!;

        Assert.Equal(domain, cli.GetProperty("Certificate").GetProperty("DomainName").GetString());
        Assert.Equal(domain, certificate.DomainName);
        Assert.True(certificate.CreatedAt > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Contains(arn, listed);
        Assert.Equal("dev", Assert.Single(tags).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeCertificate_OfAMissingArn_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateAcm().DescribeCertificateAsync(
            new DescribeCertificateRequest { CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}
