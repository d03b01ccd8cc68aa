/** The grid's name for the phone form's header, read once Firestore has loaded (after the form is usable). */
import { getDoc } from 'firebase/firestore';
import { docs } from '../data/queries';
import { initFirebase } from '../firebase';

export async function gridName(gridId: string): Promise<string | null> {
  const { db } = await initFirebase();
  const snap = await getDoc(docs.grid(db, gridId));
  const name = snap.get('name');
  return typeof name === 'string' ? name : null;
}
