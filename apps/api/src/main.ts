import 'reflect-metadata';
import { runUntilSignal } from '@app/common';
import { startDesk } from './boot/start-desk';

runUntilSignal(() => startDesk(process.env));
