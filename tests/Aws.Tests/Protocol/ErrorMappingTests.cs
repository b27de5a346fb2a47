using System.Net;

namespace Reconciler.Aws.Tests.Protocol;

public sealed class ErrorMappingTests
{
    public static TheoryData<string, int, string, Type> QueryErrors => new()
    {
        { "elbv2", 400, "TargetGroupNotFound", typeof(AwsResourceNotFoundException) },
        { "elbv2", 400, "DuplicateTargetGroupName", typeof(AwsResourceAlreadyExistsException) },
        { "elbv2", 400, "ResourceInUse", typeof(AwsConflictException) },
        { "rds", 404, "DBInstanceNotFound", typeof(AwsResourceNotFoundException) },
        { "rds", 400, "DBInstanceAlreadyExists", typeof(AwsResourceAlreadyExistsException) },
        { "rds", 400, "InvalidDBInstanceState", typeof(AwsServiceException) },
        { "iam", 404, "NoSuchEntity", typeof(AwsResourceNotFoundException) },
        { "iam", 409, "EntityAlreadyExists", typeof(AwsResourceAlreadyExistsException) },
        { "iam", 409, "DeleteConflict", typeof(AwsConflictException) },
        { "iam", 400, "Throttling", typeof(AwsThrottlingException) },
    };

    public static TheoryData<string, int, string, Type> JsonErrors => new()
    {
        { "lambda", 404, "ResourceNotFoundException", typeof(AwsResourceNotFoundException) },
        { "lambda", 409, "ResourceConflictException", typeof(AwsConflictException) },
        { "lambda", 429, "TooManyRequestsException", typeof(AwsThrottlingException) },
        { "apigateway", 404, "NotFoundException", typeof(AwsResourceNotFoundException) },
        { "apigateway", 409, "ConflictException", typeof(AwsConflictException) },
        { "ecs", 400, "ClusterNotFoundException", typeof(AwsResourceNotFoundException) },
        { "ecs", 400, "ResourceInUseException", typeof(AwsConflictException) },
        { "ecr", 400, "RepositoryAlreadyExistsException", typeof(AwsResourceAlreadyExistsException) },
        { "secretsmanager", 400, "ResourceExistsException", typeof(AwsServiceException) },
        { "logs", 400, "ResourceAlreadyExistsException", typeof(AwsResourceAlreadyExistsException) },
    };

    [Theory]
    [MemberData(nameof(QueryErrors))]
    public async Task QueryErrors_BecomeTheClassTheServicesErrorTableNames(string service, int status, string code, Type expected)
    {
        var body = $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
        using var aws = new FakeAws(_ => RecordingHandler.Answer((HttpStatusCode)status, body, "text/xml"));

        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Call(aws.Clients, service));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("r-1", error.RequestId);
    }

    [Theory]
    [MemberData(nameof(JsonErrors))]
    public async Task JsonAndRestJsonErrors_BecomeTheClassTheServicesErrorTableNames(string service, int status, string code, Type expected)
    {
        // rest-json services name the error in x-amzn-ErrorType (with a suffix), JSON ones in __type.
        using var aws = new FakeAws(_ => RecordingHandler.Answer(
            (HttpStatusCode)status,
            $$"""{"__type":"com.amazonaws#{{code}}","message":"m","Type":"User"}""",
            "application/json",
            ("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/")));

        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Call(aws.Clients, service));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("m", error.ErrorMessage);
    }

    [Theory]
    [InlineData("apigateway", "ConflictException", "Stage already exists", typeof(AwsResourceAlreadyExistsException))]
    [InlineData("lambda", "ResourceConflictException", "Function already exist: inference", typeof(AwsResourceAlreadyExistsException))]
    [InlineData("lambda", "ResourceConflictException", "The operation cannot be performed at this time. An update is in progress for resource: inference", typeof(AwsConflictException))]
    public async Task ConflictErrors_WhoseMessageSaysAlreadyExists_AreDuplicatesAndOtherConflictsStayConflicts(string service, string code, string message, Type expected)
    {
        // A repeated create whose first answer was lost gets this; it must read as "made already", not as "busy, try later".
        using var aws = new FakeAws(_ => RecordingHandler.Answer(
            HttpStatusCode.Conflict,
            $$"""{"__type":"{{code}}","message":"{{message}}"}""",
            "application/json",
            ("x-amzn-ErrorType", code)));

        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Call(aws.Clients, service));

        Assert.IsType(expected, error);
        Assert.Equal((code, message), (error.ErrorCode, error.ErrorMessage));
    }

    [Fact]
    public void ErrorTables_ListTheModelsCodeOverridesBesideTheShapeNames()
    {
        Assert.Equal(AwsErrorKind.NotFound, Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.Errors["TargetGroupNotFound"]);
        Assert.Equal(AwsErrorKind.NotFound, Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.Errors["TargetGroupNotFoundException"]);
        Assert.Equal(AwsErrorKind.NotFound, Clients.Rds.RdsOperations.Errors["DBInstanceNotFound"]);
        Assert.Equal(AwsErrorKind.AlreadyExists, Clients.Iam.IamOperations.Errors["EntityAlreadyExists"]);
        Assert.Equal(AwsErrorKind.Throttling, Clients.Lambda.LambdaOperations.Errors["TooManyRequestsException"]);
    }

    private static Task Call(AwsClientBuilder clients, string service) => service switch
    {
        "elbv2" => clients.CreateElasticLoadBalancingV2().DescribeTargetGroupsAsync(new Clients.ElasticLoadBalancingV2.DescribeTargetGroupsInput()),
        "rds" => clients.CreateRds().DescribeDBInstancesAsync(new Clients.Rds.DescribeDBInstancesMessage { DBInstanceIdentifier = "db" }),
        "iam" => clients.CreateIam().GetRoleAsync(new Clients.Iam.GetRoleRequest { RoleName = "r" }),
        "lambda" => clients.CreateLambda().GetFunctionAsync(new Clients.Lambda.GetFunctionRequest { FunctionName = "f" }),
        "apigateway" => clients.CreateApiGateway().GetRestApiAsync(new Clients.ApiGateway.GetRestApiRequest { RestApiId = "a" }),
        "ecs" => clients.CreateEcs().DescribeClustersAsync(new Clients.Ecs.DescribeClustersRequest()),
        "ecr" => clients.CreateEcr().CreateRepositoryAsync(new Clients.Ecr.CreateRepositoryRequest { RepositoryName = "r" }),
        "secretsmanager" => clients.CreateSecretsManager().CreateSecretAsync(new Clients.SecretsManager.CreateSecretRequest { Name = "s" }),
        "logs" => clients.CreateCloudWatchLogs().CreateLogGroupAsync(new Clients.CloudWatchLogs.CreateLogGroupRequest { LogGroupName = "g" }),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "no call for this service"),
    };
}
