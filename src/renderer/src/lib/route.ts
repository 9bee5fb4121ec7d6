/** The views and their hash URLs (`#/runtimes`, `#/executions/12`, `#/matrix/3`). */
export type Route =
  | { readonly view: 'runtimes' }
  | { readonly view: 'packs' }
  | { readonly view: 'actions' }
  | { readonly view: 'executions' }
  | { readonly view: 'execution'; readonly id: number }
  | { readonly view: 'matrix'; readonly id: number }

export function parseRoute(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('/')
  const number = Number(id)
  const valid = Number.isInteger(number) && number > 0
  switch (name) {
    case 'packs':
      return { view: 'packs' }
    case 'actions':
      return { view: 'actions' }
    case 'executions':
      return valid ? { view: 'execution', id: number } : { view: 'executions' }
    case 'matrix':
      return valid ? { view: 'matrix', id: number } : { view: 'executions' }
    default:
      return { view: 'runtimes' }
  }
}

export function routeHref(route: Route): string {
  switch (route.view) {
    case 'execution':
      return `#/executions/${route.id}`
    case 'matrix':
      return `#/matrix/${route.id}`
    default:
      return `#/${route.view}`
  }
}
