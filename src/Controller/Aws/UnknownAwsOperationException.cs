namespace Reconciler.Controller.Aws;

/// <summary>
/// An AWS request was stopped before it was sent because nothing declares whether its
/// operation writes: not an own client's <see cref="AwsOperation"/>, not the SDK table. It is a
/// bug in the controller, not a condition of AWS; retrying cannot help.
/// </summary>
public sealed class UnknownAwsOperationException : Exception
{
    /// <summary>Creates the exception for <paramref name="operation"/> of <paramref name="service"/>.</summary>
    public UnknownAwsOperationException(string service, string operation)
        : base($"Refused {service} {operation}: the operation is unknown, so whether it writes is unknown and it is not sent. "
            + "An own client declares it with an AwsOperation on the request; an official SDK call is listed in AwsSdkOperations.")
    {
        Service = service;
        Operation = operation;
    }

    /// <summary>The service's signing name, e.g. "ec2".</summary>
    public string Service { get; }

    /// <summary>The operation as the wire named it.</summary>
    public string Operation { get; }
}
