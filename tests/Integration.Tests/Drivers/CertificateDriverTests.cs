using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;

namespace Reconciler.Integration.Tests.Drivers;

[Collection(DriverTestCollection.Name)]
public sealed class CertificateDriverTests(AwsEmulatorFixture emulator)
{
    [Fact]
    public async Task Certificate_Requested_ObserveMatchesWithValidationRecordsAsOutputs()
    {
        using var harness = new DriverHarness(emulator, TrafficDocuments.Certificate);

        var created = await harness.CreateAsync("Certificate", "web");
        var observed = await harness.ObserveAsync("Certificate", "web");

        harness.AssertInSync(created);
        harness.AssertInSync(observed);
        Assert.Equal(["www.example.com"], ((CertificateSpec)observed.Live!).SubjectAlternativeNames);
        Assert.Equal(("CNAME", true), (observed.Outputs["validationRecordType"], observed.Outputs["validationRecordName"].EndsWith("api.example.com.", StringComparison.Ordinal)));
        var records = JsonNode.Parse(observed.Outputs["validationRecords"])!.AsArray();
        Assert.Equal(["api.example.com", "www.example.com"], records.Select(r => r!["domainName"]!.GetValue<string>()).Order());
        Assert.Equal(observed.Identity["id"], observed.Outputs["certificateArn"]);
    }

    [Fact]
    public async Task Certificate_RequestedTwice_AdoptsTheFirstInsteadOfRequestingAgain()
    {
        using var harness = new DriverHarness(emulator, TrafficDocuments.Certificate);

        var first = await harness.CreateAsync("Certificate", "web");
        var second = await harness.CreateAsync("Certificate", "web");

        Assert.Equal(first.Identity["id"], second.Identity["id"]);
    }

    [Fact]
    public async Task Certificate_TagRemovedOutOfBand_PlannerShowsTheDrift()
    {
        using var harness = new DriverHarness(emulator, TrafficDocuments.Certificate);
        var arn = (await harness.CreateAsync("Certificate", "web")).Identity["id"];

        await new AwsCli(emulator.Endpoint).RunAsync("acm", "remove-tags-from-certificate", "--certificate-arn", arn, "--tags", "Key=project");
        var observed = await harness.ObserveAsync("Certificate", "web");

        Assert.Equal([Planner.TagsPath], harness.Changes(observed).Select(f => f.Path));
        var (updated, _) = await harness.UpdateAsync("Certificate", "web");
        harness.AssertInSync(updated);
    }

    [Fact]
    public async Task Certificate_DomainChanged_PlansAReplaceNamingTheDomainAndRequestsANewOneBeside()
    {
        using var harness = new DriverHarness(emulator, TrafficDocuments.Certificate);
        var old = await harness.CreateAsync("Certificate", "web");

        harness.Load(TrafficDocuments.Certificate.Replace("api.example.com", "api2.example.com", StringComparison.Ordinal));
        var change = harness.Plan(await harness.ObserveAsync("Certificate", "web")).Changes.Single();
        var beside = await DriverHarness.Driver("Certificate").CreateBesideAsync(harness.Desired("Certificate", "web"), old.Identity, harness.Context, CancellationToken.None);

        Assert.Equal(ChangeAction.Replace, change.Action);
        Assert.Equal(["domainName"], change.Fields.Where(f => f.ForcesReplacement).Select(f => f.Path));
        Assert.NotEqual(old.Identity["id"], beside.Identity["id"]);
        harness.AssertInSync(beside);
    }

    [Fact]
    public async Task Certificate_AdoptedByArn_IsReadOnlyNeverTaggedAndNeverDeleted()
    {
        var aws = new AwsCli(emulator.Endpoint);
        var arn = (await aws.RunAsync("acm", "request-certificate", "--domain-name", "legacy.example.com", "--validation-method", "DNS"))!["CertificateArn"]!.GetValue<string>();
        using var harness = new DriverHarness(emulator, $"""
            kind: Certificate
            metadata:
              name: legacy
            spec:
              arn: {arn}
            """);

        var created = await harness.CreateAsync("Certificate", "legacy");
        var observed = await harness.ObserveAsync("Certificate", "legacy");
        await harness.DeleteAsync("Certificate", "legacy", observed.Identity);

        harness.AssertInSync(observed);
        Assert.Equal(arn, created.Identity["id"]);
        Assert.Equal("true", observed.Identity["adopted"]);
        var tags = await aws.RunAsync("acm", "list-tags-for-certificate", "--certificate-arn", arn);
        Assert.DoesNotContain(tags?["Tags"]?.AsArray() ?? [], t => t!["Key"]!.GetValue<string>().StartsWith("reconciler:", StringComparison.Ordinal));
        var described = await aws.RunAsync("acm", "describe-certificate", "--certificate-arn", arn);
        Assert.Equal(arn, described!["Certificate"]!["CertificateArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Certificate_Deleted_ObserveShowsItMissingAndDeletingAgainSucceeds()
    {
        using var harness = new DriverHarness(emulator, TrafficDocuments.Certificate);
        var created = await harness.CreateAsync("Certificate", "web");

        await harness.DeleteAsync("Certificate", "web", created.Identity);
        var observed = await harness.ObserveAsync("Certificate", "web", recorded: created.Identity);
        await harness.DeleteAsync("Certificate", "web", created.Identity);

        Assert.False(observed.Exists);
    }
}
