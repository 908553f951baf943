using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Definitions;

/// <summary>What the definition endpoints need of a definition service: read one, save (checked and audited), delete.</summary>
public interface IDefinitionService<TModel>
    where TModel : class
{
    Task<TModel?> GetAsync(long id, CancellationToken cancellationToken);

    Task<SaveResult> SaveAsync(TModel model, Actor actor, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(long id, Actor actor, CancellationToken cancellationToken);
}
