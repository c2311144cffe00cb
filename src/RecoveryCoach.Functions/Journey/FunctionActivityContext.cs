using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace RecoveryCoach.Functions.Journey;

/// <summary>
/// What an activity knows of its call when the Functions host runs it: the activity's name (the
/// function's) and the journey's instance id, which the host passes as binding data.
/// </summary>
internal sealed class FunctionActivityContext(FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = function.FunctionDefinition.Name;

    public override string InstanceId { get; } =
        function.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is string instanceId
            ? instanceId
            : throw new InvalidOperationException($"Activity {function.FunctionDefinition.Name} was called without an orchestration instance id.");
}
