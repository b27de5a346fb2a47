namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// RDS's own error codes, which the generic classification misses: RDS names a missing instance
/// <c>DBInstanceNotFound</c> (no <c>Fault</c> suffix), a missing parameter group <c>DBParameterGroupNotFound</c>.
/// </summary>
internal static class RdsErrors
{
    /// <summary>Whether RDS said the instance, group or snapshot does not exist.</summary>
    public static bool IsNotFound(Exception error) =>
        error is AwsResourceNotFoundException
        || (error is AwsServiceException { ErrorCode: { } code }
            && code is "DBInstanceNotFound" or "DBInstanceNotFoundFault" or "DBSubnetGroupNotFoundFault" or "DBSubnetGroupNotFound"
                or "DBParameterGroupNotFound" or "DBParameterGroupNotFoundFault" or "DBSnapshotNotFound" or "DBSnapshotNotFoundFault");

    /// <summary>Whether RDS said the instance or group to create exists already (a create whose answer was lost).</summary>
    public static bool IsAlreadyExists(Exception error) =>
        error is AwsResourceAlreadyExistsException
        || (error is AwsServiceException { ErrorCode: { } code }
            && code is "DBInstanceAlreadyExists" or "DBSubnetGroupAlreadyExists" or "DBParameterGroupAlreadyExists");
}
