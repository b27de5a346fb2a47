namespace Reconciler.Controller.Reconcile;

/// <summary>
/// Named places where the process can be made to die on purpose, to prove that a crash at that
/// point is healed by the next run. Armed only by RECONCILER_FAILPOINT=&lt;name&gt;:&lt;Kind/name&gt;
/// (for example <c>after-create:Subnet/public-a</c>); never set in production.
/// </summary>
internal static class FailPoint
{
    /// <summary>After AWS created a resource and before the state table recorded it.</summary>
    public const string AfterCreate = "after-create";

    private static readonly string? Armed = Environment.GetEnvironmentVariable("RECONCILER_FAILPOINT");

    /// <summary>Kills the process at once, as kill -9 would, when this point is armed for this resource.</summary>
    public static void Hit(string name, Model.ResourceKey key)
    {
        if (Armed is not null && Armed == $"{name}:{key}")
        {
            Console.Error.WriteLine($"failpoint {Armed}: exiting now");
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
