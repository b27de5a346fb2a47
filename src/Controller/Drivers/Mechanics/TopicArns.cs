namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// Topic references as alarms and budgets write them (the topic's ARN) and read them back (the
/// Topic document's name). The Topic driver's id is the topic's name, which its ARN ends in.
/// </summary>
internal static class TopicArns
{
    /// <summary>The ARN of the Topic document <paramref name="topic"/>.</summary>
    public static string Of(string topic, DriverContext context) =>
        Arns.Topic(context.Stack.Region, context.Stack.AccountId, context.Identities.IdOf("Topic", topic));

    /// <summary>The Topic document whose topic has this ARN, or the ARN itself for a topic no document of the stack owns.</summary>
    public static string DocumentOf(string arn, DriverContext context)
    {
        if (arn.Split(':') is not [_, _, "sns", _, _, var name])
        {
            return arn;
        }

        return context.Identities.Keys.Where(k => k.Kind == "Topic" && context.Identities.TryIdOf(k) == name).Select(k => k.Name).FirstOrDefault() ?? arn;
    }
}
