namespace Reconciler.Controller.Sandbox;

/// <summary>moto could not be found or started; the message says why and what to do.</summary>
public sealed class MotoServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MotoServerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
