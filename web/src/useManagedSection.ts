/**
 * A state panel's section whose record is added, changed and removed in
 * place: whether its form is open, what the last write said (read out by a
 * status line), and focus kept on the section's heading when the form or a
 * dialog closes, so the keyboard is not dropped to the page's top.
 */
import { useEffect, useRef, useState } from 'react';

export function useManagedSection() {
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  // After a save or removal; as an effect, so it runs after the dialog has handed focus back.
  useEffect(() => {
    if (said) heading.current?.focus();
  }, [said]);
  const closeForm = () => {
    setEditing(false);
    heading.current?.focus();
  };
  return {
    editing,
    said,
    heading,
    closeForm,
    startEditing: () => {
      setSaid('');
      setEditing(true);
    },
    /** A write went through: the form closes and the message is read out. */
    written: (message: string) => {
      closeForm();
      setSaid(message);
    },
  };
}
