using Reconciler.Tools.AwsClientGenerator;

namespace Reconciler.Aws.Tests.Generator;

public sealed class ErrorKindsTests
{
    [Theory]
    [InlineData("TargetGroupNotFoundException", "TargetGroupNotFound", 400, "NotFound")]
    [InlineData("NoSuchEntityException", "NoSuchEntity", 404, "NotFound")]
    [InlineData("NotFoundException", "NotFoundException", 404, "NotFound")]
    [InlineData("DuplicateTargetGroupNameException", "DuplicateTargetGroupName", 400, "AlreadyExists")]
    [InlineData("EntityAlreadyExistsException", "EntityAlreadyExists", 409, "AlreadyExists")]
    [InlineData("DuplicateTagKeysException", "DuplicateTagKeys", 400, "Other")]
    [InlineData("ResourceConflictException", "ResourceConflictException", 409, "Conflict")]
    [InlineData("ResourceInUseException", "ResourceInUseException", 400, "Conflict")]
    [InlineData("OrganizationsNotInUseException", "OrganizationsNotInUseException", 400, "Other")]
    [InlineData("TooManyRequestsException", "TooManyRequestsException", 429, "Throttling")]
    [InlineData("LimitExceededException", "LimitExceeded", 409, "Other")]
    [InlineData("ServiceException", "ServiceException", 500, "Other")]
    public void Classify_JudgesNameAndCodeBeforeTheStatus(string shape, string code, int status, string kind) =>
        Assert.Equal(kind, ErrorKinds.Classify(shape, code, status));
}
