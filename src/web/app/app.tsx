import { QueryClientProvider } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { RouterProvider } from 'react-router';
import { useInstance } from '../features/instance/api/get-instance';
import { currentLocale, isWebLocale, setLocale } from '../i18n/i18n';
import { setEvidenceKindWords } from '../lib/evidence-kinds';
import { createQueryClient } from '../lib/query-client';
import { createAppRouter } from './router';

/**
 * Speaks the organisation's language (its ladder's, from GET /api/instance) from the first paint: the
 * screens wait for that one answer, and remount if it changes. An unreachable server keeps English.
 */
function InLocale({ children }: { children: ReactNode }) {
  const instance = useInstance();
  if (instance.isPending) return null;
  const locale = isWebLocale(instance.data?.locale) ? instance.data.locale : 'en';
  // Before the children render, so every t() and date of this render is already in `locale`.
  if (currentLocale() !== locale || document.documentElement.lang !== locale) setLocale(locale);
  // The evidence-kind words come in the same answer, in the same language (the server's one list).
  setEvidenceKindWords(instance.data?.evidence_kinds ?? {});
  return <Fragment key={locale}>{children}</Fragment>;
}

/** The app: one query client, one router, in the organisation's language. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);
  return (
    <QueryClientProvider client={queryClient}>
      <InLocale>
        <RouterProvider router={router} />
      </InLocale>
    </QueryClientProvider>
  );
}
