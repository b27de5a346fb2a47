using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// The table of SDK operations is exactly what the controller's source calls, and the names it
/// expects are the names the SDK clients put on the wire.
/// </summary>
public sealed partial class AwsSdkOperationsTests
{
    // Each SDK: its client interface and the namespace a source file imports to use it.
    private static readonly (Type Client, string Namespace)[] Sdks =
    [
        (typeof(IAmazonEC2), "Amazon.EC2"),
        (typeof(IAmazonS3), "Amazon.S3"),
        (typeof(IAmazonDynamoDB), "Amazon.DynamoDBv2"),
        (typeof(IAmazonSecurityTokenService), "Amazon.SecurityToken"),
    ];

    [Fact]
    public void Table_ListsEverySdkRequestTheControllerSourceMakes()
    {
        var called = SdkRequestsCalledBySource();

        var missing = called.Keys.Where(t => !AwsSdkOperations.ByRequestType.ContainsKey(t)).Select(t => $"{t.FullName} (called in {called[t]})").ToList();

        Assert.True(missing.Count == 0, "Add to AwsSdkOperations, as Read or Write:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Table_ListsNothingTheControllerSourceDoesNotCall()
    {
        var called = SdkRequestsCalledBySource();

        var unused = AwsSdkOperations.ByRequestType.Keys.Where(t => !called.ContainsKey(t)).Select(t => t.FullName).ToList();

        Assert.True(unused.Count == 0, "No longer called; remove from AwsSdkOperations:\n" + string.Join('\n', unused));
    }

    [Fact]
    public void Find_NameNotInTheTable_IsNull()
    {
        Assert.Equal(new AwsOperation(AwsService.Ec2, "CreateVpc", true), AwsSdkOperations.Find("ec2", "CreateVpc"));
        Assert.Null(AwsSdkOperations.Find("ec2", "RunInstances"));
        Assert.Null(AwsSdkOperations.Find("s3", "PutBucket"));
        Assert.Null(AwsSdkOperations.Find("dynamodb", "CreateVpc"));
    }

    public static TheoryData<string> S3Calls() => [.. S3CallsByName.Keys];

    [Theory]
    [MemberData(nameof(S3Calls))]
    public async Task S3Call_OfTheController_IsKnownByTheNameItSendsOnTheWire(string call)
    {
        var sent = 0;
        using var factory = new AwsClientFactory(
            AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000/"), "us-east-1", new BasicAWSCredentials("testing", "testing")),
            null, null, null, new Answering(() => sent++));
        using var s3 = factory.CreateS3();
        var (request, writes, send) = S3CallsByName[call];

        try
        {
            await send(s3);
        }
        catch (Exception e) when (e is not UnknownAwsOperationException)
        {
            // The fake answers every call with an empty 200; what the SDK makes of that does not matter here.
        }

        Assert.True(sent > 0, $"{call} was not sent");
        var expected = AwsSdkOperations.ByRequestType[request];
        Assert.All(factory.RequestLog.Records(), r => Assert.Equal(("s3", expected.Name, writes), (r.Service, r.Operation, r.IsWrite)));
    }

    private static readonly Dictionary<string, (Type Request, bool Writes, Func<IAmazonS3, Task> Send)> S3CallsByName = new()
    {
        ["PutBucket"] = (typeof(PutBucketRequest), true, s3 => s3.PutBucketAsync(new PutBucketRequest { BucketName = "models" })),
        ["DeleteBucket"] = (typeof(DeleteBucketRequest), true, s3 => s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = "models" })),
        ["ListBuckets"] = (typeof(ListBucketsRequest), false, s3 => s3.ListBucketsAsync(new ListBucketsRequest())),
        ["ListVersions"] = (typeof(ListVersionsRequest), false, s3 => s3.ListVersionsAsync(new ListVersionsRequest { BucketName = "models" })),
        ["DeleteObjects"] = (typeof(DeleteObjectsRequest), true, s3 => s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = "models", Objects = [new KeyVersion { Key = "a" }] })),
        ["GetBucketVersioning"] = (typeof(GetBucketVersioningRequest), false, s3 => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = "models" })),
        ["PutBucketVersioning"] = (typeof(PutBucketVersioningRequest), true, s3 => s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = "models", VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } })),
        ["GetBucketEncryption"] = (typeof(GetBucketEncryptionRequest), false, s3 => s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = "models" })),
        ["PutBucketEncryption"] = (typeof(PutBucketEncryptionRequest), true, s3 => s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = "models",
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        })),
        ["GetBucketTagging"] = (typeof(GetBucketTaggingRequest), false, s3 => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = "models" })),
        ["PutBucketTagging"] = (typeof(PutBucketTaggingRequest), true, s3 => s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = "models", TagSet = [new Tag { Key = "a", Value = "b" }] })),
        ["GetLifecycleConfiguration"] = (typeof(GetLifecycleConfigurationRequest), false, s3 => s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = "models" })),
        ["PutLifecycleConfiguration"] = (typeof(PutLifecycleConfigurationRequest), true, s3 => s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = "models",
            Configuration = new LifecycleConfiguration { Rules = [new LifecycleRule { Id = "r", Status = LifecycleRuleStatus.Enabled, Expiration = new LifecycleRuleExpiration { Days = 30 } }] },
        })),
        ["DeleteLifecycleConfiguration"] = (typeof(DeleteLifecycleConfigurationRequest), true, s3 => s3.DeleteLifecycleConfigurationAsync(new DeleteLifecycleConfigurationRequest { BucketName = "models" })),
        ["GetPublicAccessBlock"] = (typeof(GetPublicAccessBlockRequest), false, s3 => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = "models" })),
        ["PutPublicAccessBlock"] = (typeof(PutPublicAccessBlockRequest), true, s3 => s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = "models",
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true },
        })),
    };

    // Every SDK request type src/Controller names (new XRequest), calls by method (s3.DeleteBucketAsync("b"))
    // or pages (Paginators.X(...)), in files that import that SDK; with the first file seen, for the message.
    private static Dictionary<Type, string> SdkRequestsCalledBySource()
    {
        var root = RepoRoot();
        var called = new Dictionary<Type, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "Controller"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var source = File.ReadAllText(file);
            foreach (var (client, ns) in Sdks.Where(s => source.Contains("using " + s.Namespace, StringComparison.Ordinal)
                || source.Contains("= " + s.Namespace, StringComparison.Ordinal)))
            {
                var names = NewRequest().Matches(source).Select(m => m.Groups[1].Value)
                    .Concat(AsyncCall().Matches(source).Select(m => m.Groups[1].Value).Where(n => HasMethod(client, n + "Async")))
                    .Concat(PaginatorCall().Matches(source).Select(m => m.Groups[1].Value));
                foreach (var name in names)
                {
                    // Only operations' requests: EC2 also names nested shapes ...Request (LaunchTemplateEbsBlockDeviceRequest).
                    if (client.Assembly.GetType($"{ns}.Model.{name}Request") is { } type && typeof(AmazonWebServiceRequest).IsAssignableFrom(type))
                    {
                        called.TryAdd(type, relative);
                    }
                }
            }
        }

        return called;
    }

    private static bool HasMethod(Type client, string name) =>
        client.GetMethods().Concat(client.GetInterfaces().SelectMany(i => i.GetMethods())).Any(m => m.Name == name);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Reconciler.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"\bnew\s+(?:[A-Za-z0-9]+\.)?([A-Z]\w*)Request\b")]
    private static partial Regex NewRequest();

    [GeneratedRegex(@"\.([A-Z]\w*)Async\(")]
    private static partial Regex AsyncCall();

    [GeneratedRegex(@"\bPaginators\.([A-Z]\w*)\(")]
    private static partial Regex PaginatorCall();

    private sealed class Answering(Action onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Empty, Encoding.UTF8, "application/xml") });
        }
    }
}
