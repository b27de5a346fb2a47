using System.Net;
using System.Net.Sockets;

namespace Reconciler.Controller.Daemon;

/// <summary>
/// Checks at start-up that the listen address can be bound, before the sandbox, the lease or
/// Kestrel start. Kestrel reports a taken port by logging the host's failure with its stack
/// traces before the caller can say anything; checking first turns it into one line.
/// </summary>
internal static class ListenProbe
{
    /// <summary>Null when <paramref name="endpoint"/> can be bound now, else why not, as a sentence.</summary>
    public static string? Problem(IPEndPoint endpoint)
    {
        if (endpoint.Port == 0)
        {
            return null;
        }

        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(endpoint);
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse)
        {
            return $"{endpoint} is already in use by another program.";
        }
        catch (SocketException e)
        {
            return $"{endpoint} cannot be bound: {e.Message}.";
        }
    }
}
