import { auth, db } from '../lib/admin';
import { defineSignedInCallable } from '../lib/callable';
import { registerResident as register } from '../lib/resident-service';

/** After phone sign-in (SMS code): the account becomes a resident's, with the same claims as one an administrator makes. */
export const registerResident = defineSignedInCallable('registerResident', async (input, { uid }) => register(db, auth, uid, input));
