import type { ReactNode } from 'react';
import { VIEWS } from '../views/registry';
import { navigateTo } from './hashRoute';
import { NavIcon } from './NavIcon';

export function SideNav({ activeKey }: { readonly activeKey: string }): ReactNode {
  return (
    <nav className="side-nav" aria-label="功能导航">
      <ul>
        {VIEWS.map((view) => (
          <li key={view.key}>
            <a
              href={`#/${view.key}`}
              className={view.key === activeKey ? 'active' : undefined}
              aria-current={view.key === activeKey ? 'page' : undefined}
              data-view={view.key}
              onClick={(event) => {
                event.preventDefault();
                navigateTo(view.key);
              }}
            >
              {view.icon ? <NavIcon name={view.icon} /> : null}
              <span>{view.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
