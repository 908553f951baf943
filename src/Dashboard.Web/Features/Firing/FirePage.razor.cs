using Dashboard.Data.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Features.Firing;

public sealed partial class FirePage
{
    private static readonly TimeSpan ValidationDelay = TimeSpan.FromMilliseconds(300);

    private FireTarget? _target;
    private FireEditorState? _state;
    private IReadOnlyList<EventRunView> _runs = [];
    private CancellationTokenSource? _pending;
    private bool _notFound;

    [Parameter] public long Id { get; set; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    [Inject] public required FiringService Firing { get; init; }
    [Inject] public required EventQueries Events { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _target = await Firing.GetTargetAsync(Id, CancellationToken.None);
        _notFound = _target is null;
        Reset();
    }

    private void Reset()
    {
        _pending?.Cancel();
        _runs = [];
        _state = _target is null ? null
            : new FireEditorState(ManualEvents.Template(_target.Key, _target.TypeFilter, _target.DataSchema, Guid.NewGuid().ToString()), _target.DataSchema);
    }

    /// <summary>Keeps the text on every keystroke; checks it once typing pauses.</summary>
    private void OnEdited(string text)
    {
        _state?.Edit(text);
        _pending?.Cancel();
        _pending = new CancellationTokenSource();
        _ = ValidateLaterAsync(_pending.Token);
    }

    private async Task ValidateLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(ValidationDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await InvokeAsync(() =>
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                _state?.Validate();
                StateHasChanged();
            }
        });
    }

    private async Task FireAsync()
    {
        if (_state is null || _target is null)
        {
            return;
        }

        _pending?.Cancel();
        _state.Validate();
        if (!_state.CanFire)
        {
            return;
        }

        _state.BeginFire();
        var user = (await AuthenticationState).User;
        var outcome = await Firing.FireAsync(_target.Id, _state.Text, user, CancellationToken.None);
        _state.EndFire(outcome);
        _runs = _state.FiredSeq is { } seq ? await Events.RunsForAsync(seq, CancellationToken.None) : [];
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
    }
}
