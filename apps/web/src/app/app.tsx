import { useEffect } from 'react';
import { useSession } from '../auth/session';
import { DirectoryProvider } from '../components/directory';
import { Loading } from '../components/feedback';
import { LiveProvider } from '../live/live';
import { AdminPage } from '../pages/admin/admin-page';
import { InboxPage } from '../pages/inbox/inbox-page';
import { ReportsPage } from '../pages/supervisor/reports-page';
import { SlaBoardPage } from '../pages/supervisor/sla-board-page';
import { TeamPage } from '../pages/team/team-page';
import { NAV, Shell } from './shell';
import { SignIn } from './sign-in';
import { navigate, useRoute } from './router';

function Page() {
  const { segments } = useRoute();
  const { me } = useSession();
  const [area, id] = segments;
  const allowed = NAV.find((n) => n.to === `/${area}`)?.levels.includes(me!.access) ?? false;
  useEffect(() => {
    if (!allowed) navigate('/inbox');
  }, [allowed]);
  if (!allowed) return null;
  switch (area) {
    case 'team':
      return <TeamPage />;
    case 'sla':
      return <SlaBoardPage />;
    case 'reports':
      return <ReportsPage />;
    case 'admin':
      return <AdminPage section={id} />;
    default:
      return <InboxPage conversationId={id} />;
  }
}

export function App() {
  const { me, restoring } = useSession();
  if (restoring) return <Loading />;
  if (!me) return <SignIn />;
  return (
    <LiveProvider>
      <DirectoryProvider>
        <Shell>
          <Page />
        </Shell>
      </DirectoryProvider>
    </LiveProvider>
  );
}
