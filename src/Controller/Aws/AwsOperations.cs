namespace Reconciler.Controller.Aws;

/// <summary>Classifies AWS operations by name.</summary>
public static class AwsOperations
{
    // Verbs that change state across the AWS APIs the controller uses. Matched as a whole
    // leading word, so "Describe..." is never mistaken for "Delete..." nor "Settings" for "Set".
    private static readonly string[] WriteVerbs =
    [
        "Create", "Put", "Delete", "Update", "Modify", "Authorize", "Revoke", "Attach", "Detach",
        "Associate", "Disassociate", "Tag", "Untag", "Run", "Terminate", "Set", "Add", "Remove",
        "Register", "Deregister", "Start", "Stop", "Reboot", "Enable", "Disable", "Replace",
        "Release", "Allocate", "Apply", "Import", "Restore", "Copy", "Upload", "Complete", "Abort",
        "BatchWrite", "TransactWrite", "Publish", "Change", "Reset", "Cancel", "Increase",
        "Decrease", "Promote", "Assign", "Unassign", "Accept", "Reject", "Post",
    ];

    /// <summary>
    /// Whether <paramref name="operation"/> changes AWS: its name starts with a write verb
    /// (Create, Put, Delete, Update, Modify, Authorize, Revoke, Attach, Detach, Associate,
    /// Disassociate, Tag, Untag, Run, Terminate, Set, ...) followed by the next word.
    /// </summary>
    public static bool IsWrite(string operation)
    {
        foreach (var verb in WriteVerbs)
        {
            if (operation.StartsWith(verb, StringComparison.Ordinal)
                && (operation.Length == verb.Length || char.IsUpper(operation[verb.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
